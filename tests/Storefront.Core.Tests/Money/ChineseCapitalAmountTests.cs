using Storefront.Core.Money;

namespace Storefront.Core.Tests.Money;

public class ChineseCapitalAmountTests
{
    // The examples of the People's Bank of China's rules for payment documents, and the edges around them.
    [Theory]
    [InlineData(0L, "零元整")]
    [InlineData(5L, "伍分")]
    [InlineData(50L, "伍角")]
    [InlineData(100L, "壹元整")]
    [InlineData(1500L, "壹拾伍元整")]
    [InlineData(105L, "壹元零伍分")]
    [InlineData(168032L, "壹仟陆佰捌拾元叁角贰分")]
    [InlineData(1640902L, "壹万陆仟肆佰零玖元零贰分")]
    [InlineData(32504L, "叁佰贰拾伍元零肆分")]
    [InlineData(10700053L, "壹拾万柒仟元伍角叁分")]
    [InlineData(10050000L, "壹拾万零伍佰元整")]
    [InlineData(100000000L, "壹佰万元整")]
    [InlineData(1001000000L, "壹仟零壹万元整")]
    [InlineData(10000000100L, "壹亿零壹元整")]
    [InlineData(427000L, "肆仟贰佰柒拾元整")]
    [InlineData(123456789L, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分")]
    [InlineData(ChineseCapitalAmount.MaxFen, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void WritesTheAmountAsABankReadsIt(long fen, string expected) => Assert.Equal(expected, ChineseCapitalAmount.Of(fen));

    [Theory]
    [InlineData(-1L)]
    [InlineData(ChineseCapitalAmount.MaxFen + 1)]
    public void RefusesANegativeOrTooLargeAmount(long fen) => Assert.Throws<ArgumentOutOfRangeException>(() => ChineseCapitalAmount.Of(fen));
}
