using Storefront.Core.Ordering;
using static Storefront.Core.Ordering.ApprovalThreshold;

namespace Storefront.Core.Tests.Ordering;

public class ApprovalThresholdTests
{
    [Fact]
    public void WithoutAThresholdNoPurchaseWaits() =>
        Assert.False(PurchaseNeedsApproval(null, 10_000_000_00, [new SupplierSpend(10_000_000_00, 5_000_000_00)]));

    [Theory]
    [InlineData(99_999, false)]
    [InlineData(100_000, true)]
    [InlineData(100_001, true)]
    public void APurchaseWaitsWhenItsTotalReachesTheThreshold(long totalFen, bool waits) =>
        Assert.Equal(waits, PurchaseNeedsApproval(100_000, totalFen, []));

    [Fact]
    public void SevenSmallOrdersThatTogetherReachTheThresholdMakeThePurchaseWait() =>
        Assert.True(PurchaseNeedsApproval(100_000, 7 * 15_000, Enumerable.Repeat(new SupplierSpend(15_000, 0), 7)));

    [Fact]
    public void APurchaseUnderTheThresholdWaitsWhenOneSuppliersOpenSpendOfTheDayTakesItOver()
    {
        // ¥966 went through this morning with one supplier; ¥96.60 more with it now reaches ¥1,000 (¥1,062.60).
        Assert.True(PurchaseNeedsApproval(100_000, 9_660 + 5_000, [new SupplierSpend(9_660, 96_600), new SupplierSpend(5_000, 0)]));
        // The same spend spread over two suppliers is each under the threshold, and so is the purchase.
        Assert.False(PurchaseNeedsApproval(100_000, 9_660 + 5_000, [new SupplierSpend(9_660, 0), new SupplierSpend(5_000, 85_000)]));
    }

    [Fact]
    public void OpenSpendCountsForTwentyFourHours() => Assert.Equal(TimeSpan.FromHours(24), SplitSpendWindow);
}
