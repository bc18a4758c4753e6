using Storefront.Core.Catalog;
using static Storefront.Core.Catalog.PriceTiers;

namespace Storefront.Core.Tests.Catalog;

public class PriceTiersTests
{
    private static readonly PriceTier[] TeaTiers = [new(10, 6800), new(50, 6460), new(200, 6120)];

    [Theory]
    [InlineData(10, 6800)]
    [InlineData(49, 6800)]
    [InlineData(50, 6460)]
    [InlineData(199, 6460)]
    [InlineData(200, 6120)]
    [InlineData(100_000, 6120)]
    public void PricesAQuantityByTheTierItReaches(int quantity, long unitPrice) =>
        Assert.Equal(unitPrice, TierFor(TeaTiers, quantity)!.UnitPriceFen);

    [Fact]
    public void HasNoPriceBelowTheMinimumOrder()
    {
        Assert.Null(TierFor(TeaTiers, 9));
        Assert.Null(LineAmountFen(TeaTiers, 9));
    }

    [Fact]
    public void ComputesTheLineAmountInFenWithoutRounding() =>
        Assert.Equal(50 * 6460L, LineAmountFen(TeaTiers, 50));

    [Fact]
    public void TellsWhatTheNextTierWouldSavePerUnit()
    {
        var next = NextTier(TeaTiers, 30);
        Assert.Equal(50, next!.Value.Tier.MinQuantity);
        Assert.Equal(340, next.Value.SavingPerUnitFen);
        Assert.Null(NextTier(TeaTiers, 500));
    }

    [Fact]
    public void AcceptsTiersThatStartAtTheMinimumOrderAndNeverRaiseThePrice()
    {
        Assert.Empty(Validate(TeaTiers, 10));
        Assert.Empty(Validate([new(5, 1000), new(10, 1000)], 5));
    }

    [Fact]
    public void RefusesAFirstTierOtherThanTheMinimumOrder() =>
        Assert.Contains((0, Problem.FirstTierNotAtMinimumOrder), Validate(TeaTiers, 5));

    [Fact]
    public void RefusesQuantitiesThatDoNotStrictlyIncrease()
    {
        Assert.Contains((1, Problem.QuantityNotIncreasing), Validate([new(10, 100), new(10, 90)], 10));
        Assert.Contains((2, Problem.QuantityNotIncreasing), Validate([new(10, 100), new(50, 90), new(40, 80)], 10));
    }

    [Fact]
    public void RefusesAPriceThatRisesWithQuantity() =>
        Assert.Contains((1, Problem.PriceIncreases), Validate([new(10, 100), new(50, 101)], 10));

    [Fact]
    public void RefusesEmptyTablesZeroPricesAndTooManyTiers()
    {
        Assert.Contains((-1, Problem.NoTiers), Validate([], 1));
        Assert.Contains((0, Problem.PriceNotPositive), Validate([new(1, 0)], 1));
        Assert.Contains((0, Problem.QuantityNotPositive), Validate([new(0, 10)], 0));
        Assert.Contains((0, Problem.PriceTooHigh), Validate([new(1, MaxUnitPriceFen + 1)], 1));
        var eleven = Enumerable.Range(1, 11).Select(i => new PriceTier(i, 1000 - i)).ToArray();
        Assert.Contains((-1, Problem.TooManyTiers), Validate(eleven, 1));
    }

    [Fact]
    public void ListingKeepsItsBaseAndLowestPriceWithItsTiers()
    {
        var listing = new Listing { Title = "永顺莓茶 250g", Unit = "盒", Spec = "250g/盒", OriginCountyCode = "433127" };
        Assert.Empty(listing.SetPricing(10, TeaTiers));
        Assert.Equal(6800, listing.BasePriceFen);
        Assert.Equal(6120, listing.LowestPriceFen);
        Assert.Equal(10, listing.MinOrderQuantity);
        Assert.Equal(TeaTiers, listing.Tiers);
    }

    [Fact]
    public void ListingKeepsItsPricingWhenNewTiersAreRefused()
    {
        var listing = new Listing { Title = "t", Unit = "盒", Spec = "s", OriginCountyCode = "433127" };
        listing.SetPricing(10, TeaTiers);
        Assert.NotEmpty(listing.SetPricing(10, [new(10, 100), new(20, 200)]));
        Assert.Equal(6800, listing.BasePriceFen);
        Assert.Equal(3, listing.PriceTiers.Count);
    }
}
