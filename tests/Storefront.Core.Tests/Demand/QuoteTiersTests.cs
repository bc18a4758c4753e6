using Storefront.Core.Catalog;
using Storefront.Core.Demand;
using static Storefront.Core.Demand.QuoteTiers.Problem;

namespace Storefront.Core.Tests.Demand;

public class QuoteTiersTests
{
    // 90 boxes quoted at ¥63.50 under a ceiling of ¥70.00.
    private static IReadOnlyList<string> ProblemsOf(params PriceTier[] tiers) =>
        QuoteTiers.Validate(tiers, 90, 6350, 7000).Select(p => $"{p.Index}:{p.Problem}").ToList();

    [Fact]
    public void TiersRisingInQuantityAndNotInPriceWithinTheCeilingHaveNoProblem()
    {
        Assert.Empty(ProblemsOf(new PriceTier(20, 6600), new PriceTier(50, 6400), new PriceTier(60, 6400)));
        Assert.Empty(ProblemsOf());
    }

    [Fact]
    public void TiersOutOfOrderAreRefused() =>
        Assert.Equal(["1:QuantityNotIncreasing", "1:PriceIncreases"], ProblemsOf(new PriceTier(50, 6400), new PriceTier(20, 6600)));

    [Fact]
    public void ATierAboveTheCeilingIsRefused() =>
        Assert.Equal([$"0:{AboveCeiling}"], ProblemsOf(new PriceTier(20, 7001), new PriceTier(50, 6400)));

    [Fact]
    public void ATierCheaperThanTheWholeQuantityOrAtTheQuotedQuantityIsRefused()
    {
        Assert.Equal([$"0:{BelowUnitPrice}"], ProblemsOf(new PriceTier(20, 6000)));
        Assert.Equal([$"0:{QuantityNotBelowQuoted}"], ProblemsOf(new PriceTier(90, 6600)));
        Assert.Equal([$"0:{QuantityNotPositive}", $"0:{PriceNotPositive}"], ProblemsOf(new PriceTier(0, 0)));
    }

    [Fact]
    public void MoreThanNineTiersAreRefused() =>
        Assert.Equal([$"-1:{TooManyTiers}"], ProblemsOf([.. Enumerable.Range(1, 10).Select(i => new PriceTier(i, 6600))]).Take(1));

    [Fact]
    public void APriceIsTheTierTheDeliveryReachesAndTheUnitPriceOnlyAtTheQuotedQuantity()
    {
        PriceTier[] tiers = [new(20, 6600), new(50, 6400)];
        Assert.Null(QuoteTiers.PriceFor(tiers, 90, 6350, 19));
        Assert.Equal(6600, QuoteTiers.PriceFor(tiers, 90, 6350, 20));
        Assert.Equal(6600, QuoteTiers.PriceFor(tiers, 90, 6350, 49));
        Assert.Equal(6400, QuoteTiers.PriceFor(tiers, 90, 6350, 89));
        Assert.Equal(6350, QuoteTiers.PriceFor(tiers, 90, 6350, 90));
        Assert.Null(QuoteTiers.PriceFor(tiers, 90, 6350, 91));
        // Without tiers, one price for any delivery up to the quoted quantity.
        Assert.Equal(6350, QuoteTiers.PriceFor([], 90, 6350, 1));
    }
}
