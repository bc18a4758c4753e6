using System.Text;

namespace Storefront.Core.Money;

/// <summary>
/// An amount in Chinese capital numerals (大写金额), as a bank reads it on a payment paper, by the rules of the People's
/// Bank of China for filling in payment documents (《支付结算办法》附件一): "整" after 元 when there are no 角 or 分; one
/// 零 for a run of zeros inside the number; 零 after 元 when 角 is zero and 分 is not; the tens of a leading ten
/// written 壹拾. A zero at the 万 or 亿 place before a non-zero digit takes no 零 (¥107,000 is 壹拾万柒仟元整), which the
/// rules allow. Up to 9,999 亿 yuan.
/// </summary>
public static class ChineseCapitalAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceInGroup = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnit = ["", "万", "亿"];

    public const long MaxFen = 999_999_999_999_99;

    public static string Of(long fen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fen);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fen, MaxFen);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);

        var text = new StringBuilder();
        if (yuan > 0)
        {
            text.Append(Yuan(yuan)).Append('元');
            if (jiao == 0 && cents == 0) return text.Append('整').ToString();
        }
        else if (jiao == 0 && cents == 0)
        {
            return "零元整";
        }
        if (jiao > 0) text.Append(Digits[jiao]).Append('角');
        else if (yuan > 0) text.Append('零');
        if (cents > 0) text.Append(Digits[cents]).Append('分');
        return text.ToString();
    }

    private static string Yuan(long yuan)
    {
        var digits = yuan.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        var zeroPending = false;
        var groupHasDigit = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var place = digits.Length - 1 - i;
            var digit = digits[i] - '0';
            if (digit == 0)
            {
                zeroPending = text.Length > 0;
            }
            else
            {
                if (zeroPending) text.Append('零');
                text.Append(Digits[digit]).Append(PlaceInGroup[place % 4]);
                zeroPending = false;
                groupHasDigit = true;
            }
            if (place % 4 == 0 && place > 0)
            {
                // The group's unit once, when the group has a digit; a zero just before it is not written.
                if (groupHasDigit)
                {
                    text.Append(GroupUnit[place / 4]);
                    zeroPending = false;
                }
                groupHasDigit = false;
            }
        }
        return text.ToString();
    }
}
