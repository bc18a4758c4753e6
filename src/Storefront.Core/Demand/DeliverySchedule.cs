namespace Storefront.Core.Demand;

public enum DeliveryFrequency { Weekly = 0, EveryNDays = 1, Monthly = 2 }

/// <summary>
/// How often a plan is delivered: weekly on some weekdays, every N days from the first day of the period, or monthly
/// on a day of the month. The dates it gives in a period are what quotes and, later, standing orders are made for.
/// </summary>
public sealed record DeliverySchedule(DeliveryFrequency Frequency, IReadOnlySet<DayOfWeek> Weekdays, int IntervalDays, int DayOfMonth)
{
    public const int MaxIntervalDays = 365;

    public static DeliverySchedule Weekly(params DayOfWeek[] days) => new(DeliveryFrequency.Weekly, days.ToHashSet(), 0, 0);
    public static DeliverySchedule EveryNDays(int days) => new(DeliveryFrequency.EveryNDays, new HashSet<DayOfWeek>(), days, 0);
    public static DeliverySchedule Monthly(int day) => new(DeliveryFrequency.Monthly, new HashSet<DayOfWeek>(), 0, day);

    /// <summary>The weekdays as stored: bit n for <see cref="DayOfWeek"/> n.</summary>
    public int WeekdayMask => Weekdays.Aggregate(0, (mask, d) => mask | (1 << (int)d));

    public static IReadOnlySet<DayOfWeek> WeekdaysOf(int mask) =>
        Enum.GetValues<DayOfWeek>().Where(d => (mask & (1 << (int)d)) != 0).ToHashSet();

    /// <summary>Whether the rule itself is whole: some weekday, an interval of 1 to 365 days, a day of 1 to 31.</summary>
    public bool IsComplete => Frequency switch
    {
        DeliveryFrequency.Weekly => Weekdays.Count > 0,
        DeliveryFrequency.EveryNDays => IntervalDays is >= 1 and <= MaxIntervalDays,
        DeliveryFrequency.Monthly => DayOfMonth is >= 1 and <= 31,
        _ => false,
    };

    /// <summary>
    /// The delivery dates from <paramref name="start"/> to <paramref name="end"/>, both included, in order. A monthly
    /// day the month lacks (the 31st in April) falls on the month's last day, so that no month is silently skipped.
    /// </summary>
    public IEnumerable<DateOnly> DatesIn(DateOnly start, DateOnly end)
    {
        if (!IsComplete || end < start) yield break;
        switch (Frequency)
        {
            case DeliveryFrequency.Weekly:
                for (var d = start; d <= end; d = d.AddDays(1))
                    if (Weekdays.Contains(d.DayOfWeek)) yield return d;
                break;
            case DeliveryFrequency.EveryNDays:
                for (var d = start; d <= end; d = d.AddDays(IntervalDays)) yield return d;
                break;
            case DeliveryFrequency.Monthly:
                for (var month = new DateOnly(start.Year, start.Month, 1); month <= end; month = month.AddMonths(1))
                {
                    var d = new DateOnly(month.Year, month.Month, Math.Min(DayOfMonth, DateTime.DaysInMonth(month.Year, month.Month)));
                    if (d >= start && d <= end) yield return d;
                }
                break;
        }
    }
}
