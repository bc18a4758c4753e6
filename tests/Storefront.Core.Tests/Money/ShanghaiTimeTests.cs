using Storefront.Core.Money;

namespace Storefront.Core.Tests.Money;

public class ShanghaiTimeTests
{
    [Fact]
    public void CountsAnInstantInTheShanghaiCalendarYear()
    {
        // 16:30 UTC on 31 December is half past midnight on New Year's Day in Shanghai.
        Assert.Equal(2026, ShanghaiTime.YearOf(new DateTime(2025, 12, 31, 16, 30, 0, DateTimeKind.Utc)));
        Assert.Equal(2025, ShanghaiTime.YearOf(new DateTime(2025, 12, 31, 15, 59, 59, DateTimeKind.Utc)));
    }

    [Fact]
    public void BoundsAYearInUtc()
    {
        var (start, end) = ShanghaiTime.YearBounds(2026);
        Assert.Equal(new DateTime(2025, 12, 31, 16, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2026, 12, 31, 16, 0, 0, DateTimeKind.Utc), end);
    }

    [Fact]
    public void ShowsTimesInShanghai() =>
        Assert.Equal("2026-03-01 10:00", ShanghaiTime.Format(new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc)));
}
