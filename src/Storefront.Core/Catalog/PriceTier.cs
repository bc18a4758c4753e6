namespace Storefront.Core.Catalog;

/// <summary>From <see cref="MinQuantity"/> units on, each unit costs <see cref="UnitPriceFen"/>.</summary>
public record PriceTier(int MinQuantity, long UnitPriceFen);

/// <summary>
/// Prices by volume. The first tier starts at the minimum order quantity, quantities strictly increase and
/// prices never increase, so buying more never costs more per unit.
/// </summary>
public static class PriceTiers
{
    public const int MaxTiers = 10;
    public const long MaxUnitPriceFen = 100_000_000; // ¥1,000,000 a unit: anything above is a typing error

    public enum Problem
    {
        None,
        NoTiers,
        TooManyTiers,
        FirstTierNotAtMinimumOrder,
        QuantityNotIncreasing,
        PriceIncreases,
        PriceNotPositive,
        PriceTooHigh,
        QuantityNotPositive,
    }

    /// <summary>Every problem with the tiers, each with the index of the tier it concerns (-1 for the whole table).</summary>
    public static IReadOnlyList<(int Index, Problem Problem)> Validate(IReadOnlyList<PriceTier> tiers, int minOrderQuantity)
    {
        var problems = new List<(int, Problem)>();
        if (tiers.Count == 0) { problems.Add((-1, Problem.NoTiers)); return problems; }
        if (tiers.Count > MaxTiers) problems.Add((-1, Problem.TooManyTiers));
        if (tiers[0].MinQuantity != minOrderQuantity) problems.Add((0, Problem.FirstTierNotAtMinimumOrder));
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.MinQuantity < 1) problems.Add((i, Problem.QuantityNotPositive));
            if (tier.UnitPriceFen < 1) problems.Add((i, Problem.PriceNotPositive));
            else if (tier.UnitPriceFen > MaxUnitPriceFen) problems.Add((i, Problem.PriceTooHigh));
            if (i == 0) continue;
            if (tier.MinQuantity <= tiers[i - 1].MinQuantity) problems.Add((i, Problem.QuantityNotIncreasing));
            if (tier.UnitPriceFen > tiers[i - 1].UnitPriceFen) problems.Add((i, Problem.PriceIncreases));
        }
        return problems;
    }

    /// <summary>The tier a quantity reaches, or null below the first tier (the minimum order).</summary>
    public static PriceTier? TierFor(IReadOnlyList<PriceTier> tiers, int quantity)
    {
        PriceTier? reached = null;
        foreach (var tier in tiers)
        {
            if (tier.MinQuantity > quantity) break;
            reached = tier;
        }
        return reached;
    }

    /// <summary>The line amount: the unit price of the tier the quantity reaches × the quantity.</summary>
    public static long? LineAmountFen(IReadOnlyList<PriceTier> tiers, int quantity) =>
        TierFor(tiers, quantity) is { } tier ? checked(tier.UnitPriceFen * quantity) : null;

    /// <summary>The next tier above a quantity, and what reaching it would save per unit; null at the top tier.</summary>
    public static (PriceTier Tier, long SavingPerUnitFen)? NextTier(IReadOnlyList<PriceTier> tiers, int quantity)
    {
        var current = TierFor(tiers, quantity);
        foreach (var tier in tiers)
        {
            if (tier.MinQuantity > quantity)
                return (tier, (current?.UnitPriceFen ?? tier.UnitPriceFen) - tier.UnitPriceFen);
        }
        return null;
    }
}
