using Storefront.Core.Money;
using Storefront.Core.Ordering;

namespace Storefront.Core.Tests.Ordering;

public class FulfilmentRecordTests
{
    private static DateTime Shanghai(int day, int hour) => ShanghaiTime.ToUtc(new DateTime(2026, 9, day, hour, 0, 0));

    [Fact]
    public void OnTimeMeansTheLastReceiptByTheEndOfTheDayAskedForInShanghai()
    {
        Assert.True(new DeliveredOrder(new DateOnly(2026, 9, 10), Shanghai(10, 23), false).OnTime);
        // 00:30 on the 11th in Shanghai is still the 10th in UTC, and late.
        Assert.False(new DeliveredOrder(new DateOnly(2026, 9, 10), ShanghaiTime.ToUtc(new DateTime(2026, 9, 11, 0, 30, 0)), false).OnTime);
    }

    [Fact]
    public void SharesAreOfTheOrdersReceivedInTenthsOfAPercent()
    {
        var record = FulfilmentRecord.Of(
        [
            new(new DateOnly(2026, 9, 10), Shanghai(9, 10), false),
            new(new DateOnly(2026, 9, 10), Shanghai(10, 10), true),
            new(new DateOnly(2026, 9, 10), Shanghai(12, 10), false),
        ]);
        Assert.Equal(new FulfilmentRecord(3, 2, 2), record);
        Assert.Equal(66.7m, record.OnTimePercent);
        Assert.Equal(66.7m, record.AcceptedPercent);
    }

    [Fact]
    public void NoOrderReceivedIsNoRecordRatherThanNothingOnTime()
    {
        Assert.Null(FulfilmentRecord.None.OnTimePercent);
        Assert.Null(FulfilmentRecord.Of([]).AcceptedPercent);
    }
}
