namespace Storefront.Core.Money;

/// <summary>
/// Times are stored in UTC and shown, and counted into calendar years, in Asia/Shanghai (UTC+8, no daylight saving).
/// </summary>
public static class ShanghaiTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST"); }
    }

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime ToUtc(DateTime shanghaiLocal) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(shanghaiLocal, DateTimeKind.Unspecified), Zone);

    public static string Format(DateTime utc) => FromUtc(utc).ToString("yyyy-MM-dd HH:mm");

    public static int YearOf(DateTime utc) => FromUtc(utc).Year;

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>The UTC instants bounding a Shanghai calendar year: [start, end).</summary>
    public static (DateTime StartUtc, DateTime EndUtc) YearBounds(int year) =>
        (ToUtc(new DateTime(year, 1, 1)), ToUtc(new DateTime(year + 1, 1, 1)));
}
