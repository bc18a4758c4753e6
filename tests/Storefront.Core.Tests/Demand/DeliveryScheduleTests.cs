using Storefront.Core.Demand;

namespace Storefront.Core.Tests.Demand;

public class DeliveryScheduleTests
{
    private static readonly DateOnly Start = new(2026, 9, 1); // a Tuesday

    [Fact]
    public void WeeklyGivesEveryChosenWeekdayInThePeriodBothEndsIncluded()
    {
        var dates = DeliverySchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Thursday).DatesIn(Start, new DateOnly(2026, 9, 14)).ToList();
        Assert.Equal([new(2026, 9, 3), new(2026, 9, 7), new(2026, 9, 10), new DateOnly(2026, 9, 14)], dates);
    }

    [Fact]
    public void EveryNDaysCountsFromTheFirstDayOfThePeriod()
    {
        var dates = DeliverySchedule.EveryNDays(10).DatesIn(Start, new DateOnly(2026, 9, 30)).ToList();
        Assert.Equal([Start, new(2026, 9, 11), new DateOnly(2026, 9, 21)], dates);
    }

    [Fact]
    public void MonthlyOnADayTheMonthLacksFallsOnItsLastDay()
    {
        var dates = DeliverySchedule.Monthly(31).DatesIn(new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 30)).ToList();
        Assert.Equal([new(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31), new DateOnly(2026, 4, 30)], dates);
    }

    [Fact]
    public void MonthlySkipsTheDayBeforeTheStartAndAfterTheEnd()
    {
        var dates = DeliverySchedule.Monthly(5).DatesIn(new DateOnly(2026, 1, 6), new DateOnly(2026, 3, 4)).ToList();
        Assert.Equal([new DateOnly(2026, 2, 5)], dates);
    }

    [Fact]
    public void AScheduleCanGiveNoDateInAShortPeriod()
    {
        Assert.Empty(DeliverySchedule.Weekly(DayOfWeek.Sunday).DatesIn(Start, new DateOnly(2026, 9, 5)));
        Assert.Empty(DeliverySchedule.Monthly(20).DatesIn(Start, new DateOnly(2026, 9, 19)));
    }

    [Fact]
    public void AnIncompleteRuleGivesNoDate()
    {
        Assert.False(DeliverySchedule.Weekly().IsComplete);
        Assert.False(DeliverySchedule.EveryNDays(0).IsComplete);
        Assert.False(DeliverySchedule.EveryNDays(366).IsComplete);
        Assert.False(DeliverySchedule.Monthly(32).IsComplete);
        Assert.Empty(DeliverySchedule.EveryNDays(0).DatesIn(Start, Start.AddDays(30)));
    }

    [Fact]
    public void WeekdaysRoundTripThroughTheStoredMask()
    {
        var schedule = DeliverySchedule.Weekly(DayOfWeek.Sunday, DayOfWeek.Wednesday);
        Assert.Equal(0b1001, schedule.WeekdayMask);
        Assert.Equal(new HashSet<DayOfWeek> { DayOfWeek.Sunday, DayOfWeek.Wednesday }, DeliverySchedule.WeekdaysOf(schedule.WeekdayMask));
    }
}
