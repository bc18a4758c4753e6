using Storefront.Core.Catalog;

namespace Storefront.Core.Demand;

/// <summary>
/// A quote's prices by quantity per delivery, like a listing's prices by volume. The quote's unit price is the price for
/// the quantity it offers; tiers, when given, price smaller deliveries (an award may take less than was offered): the
/// first tier's quantity is the least the supplier delivers, quantities rise, prices never rise, each is at least the
/// quoted unit price, and none is above the plan's ceiling.
/// </summary>
public static class QuoteTiers
{
    /// <summary>The tiers a quote may give beside its unit price (a table of ten with it, as a listing's).</summary>
    public const int MaxTiers = PriceTiers.MaxTiers - 1;

    public enum Problem { None, TooManyTiers, QuantityNotPositive, QuantityNotBelowQuoted, QuantityNotIncreasing, PriceNotPositive, PriceIncreases, BelowUnitPrice, AboveCeiling }

    /// <summary>Every problem of the tiers, each with the index of the tier it concerns (-1 for the whole table).</summary>
    public static IReadOnlyList<(int Index, Problem Problem)> Validate(IReadOnlyList<PriceTier> tiers, int quotedQuantity, long unitPriceFen, long? ceilingFen)
    {
        var problems = new List<(int, Problem)>();
        if (tiers.Count > MaxTiers) problems.Add((-1, Problem.TooManyTiers));
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinQuantity < 1) problems.Add((i, Problem.QuantityNotPositive));
            else if (tier.MinQuantity >= quotedQuantity) problems.Add((i, Problem.QuantityNotBelowQuoted));
            else if (i > 0 && tier.MinQuantity <= tiers[i - 1].MinQuantity) problems.Add((i, Problem.QuantityNotIncreasing));
            if (tier.UnitPriceFen < 1) problems.Add((i, Problem.PriceNotPositive));
            else if (ceilingFen is { } ceiling && tier.UnitPriceFen > ceiling) problems.Add((i, Problem.AboveCeiling));
            else if (i > 0 && tier.UnitPriceFen > tiers[i - 1].UnitPriceFen) problems.Add((i, Problem.PriceIncreases));
            else if (tier.UnitPriceFen < unitPriceFen) problems.Add((i, Problem.BelowUnitPrice));
        }
        return problems;
    }

    /// <summary>
    /// The price per unit for a delivery of <paramref name="quantity"/>: the tier it reaches, the unit price from the
    /// quoted quantity down to the last tier; null above the quoted quantity or below the first tier (the least delivered).
    /// </summary>
    public static long? PriceFor(IReadOnlyList<PriceTier> tiers, int quotedQuantity, long unitPriceFen, int quantity)
    {
        if (quantity < 1 || quantity > quotedQuantity) return null;
        if (tiers.Count == 0) return unitPriceFen;
        return PriceTiers.TierFor([.. tiers, new PriceTier(quotedQuantity, unitPriceFen)], quantity)?.UnitPriceFen;
    }
}
