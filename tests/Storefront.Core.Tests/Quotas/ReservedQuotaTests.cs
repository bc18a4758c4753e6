using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class ReservedQuotaTests
{
    [Theory]
    [InlineData(200_000_000, 1500, 30_000_000)]
    [InlineData(1, 1000, 0)] // 0.1 fen rounds down
    [InlineData(5, 1000, 1)] // 0.5 fen rounds half up
    [InlineData(15, 1000, 2)] // 1.5 fen rounds half up
    [InlineData(333_333, 1500, 50_000)] // 49,999.95 rounds up to the fen
    [InlineData(123_456_789, 1234, 15_234_568)] // 15,234,567.7626
    public void ReservedQuotaIsBaseTimesRatioRoundedHalfUpToTheFen(long baseFen, int ratio, long expected) =>
        Assert.Equal(expected, ReservedQuota.Compute(baseFen, ratio));

    [Fact]
    public void NotLowerThanLastYearRaisesTheQuotaToLastYearsAmountOnly()
    {
        Assert.Equal(500_000, ReservedQuota.Compute(1_000_000, 1000, notBelowLastYear: true, lastYearReservedFen: 500_000));
        Assert.Equal(100_000, ReservedQuota.Compute(1_000_000, 1000, notBelowLastYear: false, lastYearReservedFen: 500_000));
        Assert.Equal(150_000, ReservedQuota.Compute(1_000_000, 1500, notBelowLastYear: true, lastYearReservedFen: 120_000));
        Assert.Equal(150_000, ReservedQuota.Compute(1_000_000, 1500, notBelowLastYear: true, lastYearReservedFen: null));
    }

    [Fact]
    public void PaceSpreadsTheQuotaEvenlyOverTheDaysOfTheYear()
    {
        Assert.Equal(0, ReservedQuota.Pace(36_500, 2026, new DateOnly(2025, 12, 31)));
        Assert.Equal(100, ReservedQuota.Pace(36_500, 2026, new DateOnly(2026, 1, 1)));
        Assert.Equal(18_200, ReservedQuota.Pace(36_500, 2026, new DateOnly(2026, 7, 1))); // day 182 of 365
        Assert.Equal(36_500, ReservedQuota.Pace(36_500, 2026, new DateOnly(2026, 12, 31)));
        Assert.Equal(36_500, ReservedQuota.Pace(36_500, 2026, new DateOnly(2027, 3, 1)));
        // A leap year has 366 days.
        Assert.Equal(183, ReservedQuota.Pace(366, 2028, new DateOnly(2028, 7, 1))); // day 183 of 366
    }

    [Fact]
    public void TheForecastCarriesTheRateSoFarToTheYearsEnd()
    {
        // ¥18,200 counted by 1 July (day 182 of 365): ¥36,500 at the same rate.
        Assert.Equal(3_650_000, ReservedQuota.Forecast(1_820_000, 2026, new DateOnly(2026, 7, 1)));
        // Rounded half up to the fen: 100 fen in 3 days is 12,166.67 fen over 365.
        Assert.Equal(12_167, ReservedQuota.Forecast(100, 2026, new DateOnly(2026, 1, 3)));
        Assert.Equal(0, ReservedQuota.Forecast(0, 2026, new DateOnly(2026, 5, 1)));
        // A year that is over ends where it ended; one not begun has no rate yet.
        Assert.Equal(1_234, ReservedQuota.Forecast(1_234, 2025, new DateOnly(2026, 5, 1)));
        Assert.Null(ReservedQuota.Forecast(0, 2027, new DateOnly(2026, 5, 1)));
    }

    [Theory]
    [InlineData(120, 100, Grade.APlus)]
    [InlineData(119, 100, Grade.A)]
    [InlineData(100, 100, Grade.A)]
    [InlineData(99, 100, Grade.B)]
    [InlineData(90, 100, Grade.B)]
    [InlineData(89, 100, Grade.C)]
    [InlineData(80, 100, Grade.C)]
    [InlineData(70, 100, Grade.D)]
    [InlineData(69, 100, Grade.F)]
    [InlineData(-5, 100, Grade.F)]
    [InlineData(8_999_999, 10_000_000, Grade.C)] // 89.99999% is not a B
    public void GradesFollowTheScorecardThresholdsAgainstPace(long counted, long pace, Grade expected) =>
        Assert.Equal(expected, Grades.Of(counted, pace));

    [Fact]
    public void ThereIsNoGradeBeforeThereIsAPace()
    {
        Assert.Null(Grades.Of(1000, 0));
        Assert.Equal("—", Grades.Label(null));
        Assert.Equal("A+", Grades.Label(Grade.APlus));
    }

    [Fact]
    public void CompletionRatesShowTwoDecimalsRoundedHalfUp()
    {
        Assert.Equal("10.00%", ReservedQuota.FormatPercent(ReservedQuota.Percent(3_000_000, 30_000_000)));
        Assert.Equal("8.33%", ReservedQuota.FormatPercent(ReservedQuota.Percent(2_500_000, 30_000_000)));
        Assert.Equal("66.67%", ReservedQuota.FormatPercent(ReservedQuota.Percent(2, 3)));
        Assert.Equal("150.00%", ReservedQuota.FormatPercent(ReservedQuota.Percent(3, 2)));
        Assert.Equal("—", ReservedQuota.FormatPercent(ReservedQuota.Percent(5, 0)));
    }

    [Theory]
    [InlineData("15", 1500)]
    [InlineData("15.5%", 1550)]
    [InlineData(" 12.25 ", 1225)]
    [InlineData("100", 10000)]
    [InlineData("15.555", null)]
    [InlineData("101", null)]
    [InlineData("-1", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void RatiosAreReadAsPercentagesWithAtMostTwoDecimals(string text, int? expected) =>
        Assert.Equal(expected, ReservedQuota.ParseRatio(text));
}
