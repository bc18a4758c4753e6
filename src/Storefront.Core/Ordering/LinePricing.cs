using Storefront.Core.Catalog;

namespace Storefront.Core.Ordering;

/// <summary>What the shop knows about a listing when pricing a line of a cart or a checkout.</summary>
public sealed record ListingFacts(
    int Id,
    string Title,
    string Unit,
    string Spec,
    string OriginCountyCode,
    int SupplierId,
    string SupplierName,
    int MinOrderQuantity,
    int Stock,
    int LeadTimeDays,
    bool Available,
    IReadOnlyList<PriceTier> Tiers,
    bool ShownToBuyers = true);

public enum LineProblem
{
    None,
    /// <summary>Unpublished, deleted, or its supplier is not verified: it cannot be bought now.</summary>
    Unavailable,
    BelowMinimumOrder,
    NotEnoughStock,
    QuantityNotPositive,
    QuantityTooLarge,
}

/// <summary>A line priced: the tier its quantity reaches, the amount, and what the next tier would save.</summary>
public sealed record LineQuote(
    ListingFacts Listing,
    int Quantity,
    long? UnitPriceFen,
    long? AmountFen,
    PriceTier? NextTier,
    long NextTierSavingPerUnitFen,
    LineProblem Problem)
{
    public bool IsOrderable => Problem == LineProblem.None;
}

/// <summary>The rule for pricing one line (DESIGN.md rule 1): unit price by the tier reached × quantity, in fen.</summary>
public static class LinePricing
{
    /// <summary>No canteen orders a million units of anything on one line: a larger number is a typing error.</summary>
    public const int MaxQuantity = 1_000_000;

    public static LineQuote Quote(ListingFacts listing, int quantity)
    {
        var problem = ProblemOf(listing, quantity);
        var tier = quantity is > 0 and <= MaxQuantity ? PriceTiers.TierFor(listing.Tiers, quantity) : null;
        var next = quantity is > 0 and <= MaxQuantity ? PriceTiers.NextTier(listing.Tiers, quantity) : null;
        return new LineQuote(
            listing,
            quantity,
            tier?.UnitPriceFen,
            tier is null ? null : checked(tier.UnitPriceFen * quantity),
            next?.Tier,
            // Below the minimum order there is no current price to save against.
            tier is null ? 0 : next?.SavingPerUnitFen ?? 0,
            problem);
    }

    public static LineProblem ProblemOf(ListingFacts listing, int quantity)
    {
        if (quantity < 1) return LineProblem.QuantityNotPositive;
        if (quantity > MaxQuantity) return LineProblem.QuantityTooLarge;
        if (!listing.Available) return LineProblem.Unavailable;
        if (quantity < listing.MinOrderQuantity) return LineProblem.BelowMinimumOrder;
        if (quantity > listing.Stock) return LineProblem.NotEnoughStock;
        return LineProblem.None;
    }

    /// <summary>Lines grouped into one order per supplier, in the order the suppliers first appear.</summary>
    public static IReadOnlyList<SupplierGroup> SplitBySupplier(IEnumerable<LineQuote> lines) =>
        lines.GroupBy(l => l.Listing.SupplierId)
            .Select(g => new SupplierGroup(g.Key, g.First().Listing.SupplierName, g.ToList(), g.Sum(l => l.AmountFen ?? 0)))
            .ToList();
}

public sealed record SupplierGroup(int SupplierId, string SupplierName, IReadOnlyList<LineQuote> Lines, long TotalFen);
