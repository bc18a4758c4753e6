using Storefront.Core.Catalog;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Ordering;

public class LinePricingTests
{
    // 洞口香米 散装: ¥5.20/kg from 100 kg, ¥4.94 from 500 kg, ¥4.68 from 2000 kg.
    private static ListingFacts Rice(int stock = 50_000, bool available = true, int supplierId = 17) =>
        new(4, "洞口香米 散装 按公斤", "kg", "散装", "430525", supplierId, "洞口县雪峰山粮油专业合作社", 100, stock, 2, available,
            [new PriceTier(100, 520), new PriceTier(500, 494), new PriceTier(2000, 468)]);

    private static ListingFacts Tea(int supplierId = 1) =>
        new(19, "永顺莓茶 250g", "盒", "250g/盒", "433127", supplierId, "永顺县松柏莓茶专业合作社", 10, 1200, 2, true,
            [new PriceTier(10, 6800), new PriceTier(50, 6460), new PriceTier(200, 6120)]);

    [Theory]
    [InlineData(100, 520, 52_000)]
    [InlineData(200, 520, 104_000)]
    [InlineData(499, 520, 259_480)]
    [InlineData(500, 494, 247_000)]
    [InlineData(2000, 468, 936_000)]
    [InlineData(40_000, 468, 18_720_000)]
    public void ALineCostsTheUnitPriceOfTheTierItsQuantityReachesTimesTheQuantity(int quantity, long unitPrice, long amount)
    {
        var quote = LinePricing.Quote(Rice(), quantity);
        Assert.True(quote.IsOrderable);
        Assert.Equal((unitPrice, amount), (quote.UnitPriceFen, quote.AmountFen));
    }

    [Fact]
    public void ALineSaysWhatTheNextTierWouldSavePerUnit()
    {
        var quote = LinePricing.Quote(Rice(), 200);
        Assert.Equal(new PriceTier(500, 494), quote.NextTier);
        Assert.Equal(26, quote.NextTierSavingPerUnitFen);
        var top = LinePricing.Quote(Rice(), 2500);
        Assert.Null(top.NextTier);
        Assert.Equal(0, top.NextTierSavingPerUnitFen);
    }

    [Theory]
    [InlineData(99, 50_000, true, LineProblem.BelowMinimumOrder)]
    [InlineData(0, 50_000, true, LineProblem.QuantityNotPositive)]
    [InlineData(-1, 50_000, true, LineProblem.QuantityNotPositive)]
    [InlineData(1_000_001, 5_000_000, true, LineProblem.QuantityTooLarge)]
    [InlineData(300, 299, true, LineProblem.NotEnoughStock)]
    [InlineData(300, 300, true, LineProblem.None)]
    [InlineData(300, 50_000, false, LineProblem.Unavailable)]
    public void ALineIsCheckedAgainstTheMinimumOrderAndTheStock(int quantity, int stock, bool available, LineProblem problem)
    {
        var quote = LinePricing.Quote(Rice(stock, available), quantity);
        Assert.Equal(problem, quote.Problem);
        if (quantity < 100) Assert.Null(quote.AmountFen);
    }

    [Fact]
    public void LinesFromTwoSuppliersMakeTwoGroupsEachWithItsTotal()
    {
        var groups = LinePricing.SplitBySupplier([LinePricing.Quote(Rice(), 200), LinePricing.Quote(Tea(), 50), LinePricing.Quote(Rice(supplierId: 17) with { }, 100)]);
        Assert.Equal(2, groups.Count);
        Assert.Equal((17, 2, 104_000L + 52_000), (groups[0].SupplierId, groups[0].Lines.Count, groups[0].TotalFen));
        Assert.Equal((1, 1, 323_000L), (groups[1].SupplierId, groups[1].Lines.Count, groups[1].TotalFen));
    }

    [Theory]
    [InlineData(null, 1_000_000_000, false)]
    [InlineData(100_000L, 99_999, false)]
    [InlineData(100_000L, 100_000, true)]
    [InlineData(100_000L, 104_000, true)]
    [InlineData(0L, 1, true)]
    public void AnOrderAtOrAboveTheThresholdNeedsAnApprover(long? threshold, long total, bool needsApproval) =>
        Assert.Equal(needsApproval, Organisation.NeedsApproval(threshold, total));
}
