using System.Globalization;

namespace Storefront.Core.Money;

/// <summary>
/// Money is an integer number of fen (分, 1/100 yuan) everywhere: in the database, in rules and on the
/// wire. Conversion from yuan typed by a person rounds half away from zero, the one rounding rule.
/// </summary>
public static class Fen
{
    public static string Format(long fen) =>
        (fen < 0 ? "-¥" : "¥") + (Math.Abs(fen) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The amount as yuan with two decimals and no symbol, for inputs and exports.</summary>
    public static string ToYuanText(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Parses yuan as a person writes it ("12", "12.5", "1,200.00", "¥12") into fen; null when it is not an amount.</summary>
    public static long? ParseYuan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().TrimStart('¥', '￥').Replace(",", "").Replace("，", "").Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var yuan))
            return null;
        if (yuan is > 100_000_000_000m or < -100_000_000_000m) return null;
        return (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);
    }
}
