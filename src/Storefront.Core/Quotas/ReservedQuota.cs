namespace Storefront.Core.Quotas;

/// <summary>
/// The arithmetic of quotas, in integer fen and basis points (1 bp = 0.01%), with one rounding rule: half away from
/// zero (四舍五入) to the fen. See README.md in this folder for the policy readings behind each function.
/// </summary>
public static class ReservedQuota
{
    public const int FullRatio = 10_000;
    /// <summary>¥10 billion: a base above it is a typing mistake, and keeps base × ratio far from overflow.</summary>
    public const long MaxBaseFen = 1_000_000_000_000;

    /// <summary>base × ratio, rounded half up to the fen.</summary>
    public static long Compute(long baseFen, int ratioBasisPoints)
    {
        if (baseFen < 0) throw new ArgumentOutOfRangeException(nameof(baseFen));
        if (ratioBasisPoints is < 0 or > FullRatio) throw new ArgumentOutOfRangeException(nameof(ratioBasisPoints));
        return (baseFen * ratioBasisPoints + FullRatio / 2) / FullRatio;
    }

    /// <summary>base × ratio, raised to last year's reserved amount when the rule says "not lower than last year".</summary>
    public static long Compute(long baseFen, int ratioBasisPoints, bool notBelowLastYear, long? lastYearReservedFen)
    {
        var reserved = Compute(baseFen, ratioBasisPoints);
        return notBelowLastYear && lastYearReservedFen is { } last && last > reserved ? last : reserved;
    }

    /// <summary>
    /// Pace: the share of the quota an organisation should have reached by the end of <paramref name="today"/> if it
    /// spread its quota evenly over the calendar days of the year (the whole quota after the year, none before it).
    /// </summary>
    public static long Pace(long reservedFen, int year, DateOnly today)
    {
        if (today.Year < year) return 0;
        if (today.Year > year) return reservedFen;
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        return (reservedFen * today.DayOfYear + days / 2) / days;
    }

    /// <summary>
    /// The counted amount the year would end with at the rate so far: counted ÷ days gone × days in the year, rounded
    /// half up to the fen (the counted amount itself once the year is over; null before it starts, with no rate yet).
    /// </summary>
    public static long? Forecast(long countedFen, int year, DateOnly today)
    {
        if (today.Year < year) return null;
        if (today.Year > year) return countedFen;
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        return (countedFen * days + today.DayOfYear / 2) / today.DayOfYear;
    }

    /// <summary>A part of a whole as a percentage with two decimals, half up (8.33 for 25,000 of 300,000); null without a whole.</summary>
    public static decimal? Percent(long part, long whole) =>
        whole <= 0 ? null : decimal.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    /// <summary>"8.33%", or "—" when there is no quota to measure against.</summary>
    public static string FormatPercent(decimal? percent) =>
        percent is { } p ? p.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>"15.00%" for 1500 basis points.</summary>
    public static string FormatRatio(int basisPoints) => FormatPercent(basisPoints / 100m);

    /// <summary>Parses a percentage a person types ("15", "15.5", "15%") into basis points; null when it is not one.</summary>
    public static int? ParseRatio(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().TrimEnd('%', '％').Trim();
        if (!decimal.TryParse(cleaned, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var percent)) return null;
        var bp = percent * 100m;
        if (bp != decimal.Truncate(bp) || bp < 0 || bp > FullRatio) return null;
        return (int)bp;
    }
}

/// <summary>
/// How far an organisation has come against where the rules say it should be: the counted amount against pace during
/// the year (the reserved quota spread evenly over its days), against the whole reserved quota once the year is over.
/// </summary>
public enum Grade { APlus = 0, A = 1, B = 2, C = 3, D = 4, F = 5 }

public static class Grades
{
    /// <summary>
    /// Counted against pace during the year (against the whole quota once it is over): A+ from 120%, A from 100%,
    /// B from 90%, C from 80%, D from 70%, F below. Null when there is nothing to judge against yet.
    /// </summary>
    public static Grade? Of(long countedFen, long paceFen)
    {
        if (paceFen <= 0) return null;
        // Integer comparisons, so that 89.999…% is never rounded up into a B.
        var scaled = (decimal)countedFen * 100;
        if (scaled >= paceFen * 120m) return Grade.APlus;
        if (scaled >= paceFen * 100m) return Grade.A;
        if (scaled >= paceFen * 90m) return Grade.B;
        if (scaled >= paceFen * 80m) return Grade.C;
        if (scaled >= paceFen * 70m) return Grade.D;
        return Grade.F;
    }

    public static string Label(Grade? grade) => grade switch
    {
        Grade.APlus => "A+",
        null => "—",
        { } g => g.ToString(),
    };
}
