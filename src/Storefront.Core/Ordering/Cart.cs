using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>A cart line priced now, beside the price the buyer saw when they set its quantity.</summary>
public sealed record CartItem(LineQuote Quote, long SeenUnitPriceFen)
{
    public bool PriceChanged => Quote.UnitPriceFen is { } now && now != SeenUnitPriceFen;
}

public sealed record CartSupplier(int SupplierId, string SupplierName, IReadOnlyList<CartItem> Items, long TotalFen);

public sealed record CartView(IReadOnlyList<CartSupplier> Suppliers, long TotalFen, int LeadTimeDays)
{
    public IEnumerable<CartItem> Items => Suppliers.SelectMany(s => s.Items);
    public bool IsEmpty => Suppliers.Count == 0;
    /// <summary>Every line can be bought at the quantity asked.</summary>
    public bool IsOrderable => !IsEmpty && Items.All(i => i.Quote.IsOrderable);
    public bool HasPriceChanges => Items.Any(i => i.PriceChanged);
}

/// <summary>
/// A person's cart for the organisation they buy for: any number of lines from many suppliers, each checked against
/// the listing's minimum order and stock as it is entered, and priced by the tier its quantity reaches.
/// </summary>
public sealed class Cart(StorefrontDbContext db, TimeProvider clock)
{
    public const int MaxLines = 200;

    public enum Refusal { UnknownListing, Unavailable, BelowMinimumOrder, NotEnoughStock, QuantityNotPositive, QuantityTooLarge, CartFull }

    /// <summary>One line asked to go into the cart; <see cref="Line"/> is where it came from (a pasted line, a row).</summary>
    public sealed record Addition(int ListingId, int Quantity, int Line = 0);

    /// <summary>What became of an addition: the quantity now in the cart, or why it was refused (with the listing when known).</summary>
    public sealed record Outcome(Addition Addition, Refusal? Refused, int CartQuantity, ListingFacts? Listing);

    public async Task<CartView> LoadAsync(string userId, int organisationId, CancellationToken ct = default)
    {
        var lines = await Lines(userId, organisationId).AsNoTracking().OrderBy(l => l.Id).ToListAsync(ct);
        var facts = await ListingFactsQuery.LoadAsync(db, lines.Select(l => l.ListingId), ct);
        var items = lines.Where(l => facts.ContainsKey(l.ListingId))
            .Select(l => new CartItem(LinePricing.Quote(facts[l.ListingId], l.Quantity), l.SeenUnitPriceFen))
            .ToList();
        var suppliers = items.GroupBy(i => i.Quote.Listing.SupplierId)
            .Select(g => new CartSupplier(g.Key, g.First().Quote.Listing.SupplierName, g.ToList(), g.Sum(i => i.Quote.AmountFen ?? 0)))
            .ToList();
        return new CartView(suppliers, suppliers.Sum(s => s.TotalFen), items.Select(i => i.Quote.Listing.LeadTimeDays).DefaultIfEmpty(0).Max());
    }

    /// <summary>
    /// Adds each line to the cart (to the quantity already there), in order, refusing those whose resulting quantity
    /// could not be bought; the others are saved. Nothing is dropped without an outcome.
    /// </summary>
    public Task<IReadOnlyList<Outcome>> AddAsync(string userId, int organisationId, IReadOnlyList<Addition> additions, CancellationToken ct = default) =>
        ApplyAsync(userId, organisationId, additions, replace: false, ct);

    /// <summary>Sets the quantities of lines (the cart's own form), refusing those that could not be bought.</summary>
    public Task<IReadOnlyList<Outcome>> SetQuantitiesAsync(string userId, int organisationId, IReadOnlyList<Addition> quantities, CancellationToken ct = default) =>
        ApplyAsync(userId, organisationId, quantities, replace: true, ct);

    private async Task<IReadOnlyList<Outcome>> ApplyAsync(string userId, int organisationId, IReadOnlyList<Addition> additions, bool replace, CancellationToken ct)
    {
        try
        {
            return await TryApplyAsync(userId, organisationId, additions, replace, ct);
        }
        catch (DbUpdateException)
        {
            // The same person added the same listing in another tab at the same moment: read the cart again and redo.
            db.ChangeTracker.Clear();
            return await TryApplyAsync(userId, organisationId, additions, replace, ct);
        }
    }

    private async Task<IReadOnlyList<Outcome>> TryApplyAsync(string userId, int organisationId, IReadOnlyList<Addition> additions, bool replace, CancellationToken ct)
    {
        var existing = await Lines(userId, organisationId).ToDictionaryAsync(l => l.ListingId, ct);
        var facts = await ListingFactsQuery.LoadAsync(db, additions.Select(a => a.ListingId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = new List<Outcome>();
        foreach (var addition in additions)
        {
            existing.TryGetValue(addition.ListingId, out var line);
            var listing = facts.GetValueOrDefault(addition.ListingId);
            // A listing never shown in the catalog is answered as an unknown code, its title unsaid (unless already in the cart).
            if (listing is { ShownToBuyers: false } && line is null) listing = null;
            if (addition.Quantity < 1)
            {
                outcomes.Add(new(addition, Refusal.QuantityNotPositive, line?.Quantity ?? 0, listing));
                continue;
            }
            if (listing is null)
            {
                outcomes.Add(new(addition, Refusal.UnknownListing, line?.Quantity ?? 0, null));
                continue;
            }
            var quantity = replace ? addition.Quantity : (long)(line?.Quantity ?? 0) + addition.Quantity;
            var quote = LinePricing.Quote(listing, (int)Math.Min(quantity, LinePricing.MaxQuantity + 1L));
            if (quote.Problem != LineProblem.None)
            {
                outcomes.Add(new(addition, RefusalOf(quote.Problem), line?.Quantity ?? 0, listing));
                continue;
            }
            if (line is null)
            {
                if (existing.Count >= MaxLines)
                {
                    outcomes.Add(new(addition, Refusal.CartFull, 0, listing));
                    continue;
                }
                line = new CartLine { UserId = userId, OrganisationId = organisationId, ListingId = listing.Id, AddedAtUtc = now };
                db.CartLines.Add(line);
                existing[listing.Id] = line;
            }
            line.Quantity = quote.Quantity;
            line.SeenUnitPriceFen = quote.UnitPriceFen!.Value;
            line.UpdatedAtUtc = now;
            outcomes.Add(new(addition, null, line.Quantity, listing));
        }
        await db.SaveChangesAsync(ct);
        return outcomes;
    }

    public async Task RemoveAsync(string userId, int organisationId, int listingId, CancellationToken ct = default) =>
        await Lines(userId, organisationId).Where(l => l.ListingId == listingId).ExecuteDeleteAsync(ct);

    public async Task ClearAsync(string userId, int organisationId, CancellationToken ct = default) =>
        await Lines(userId, organisationId).ExecuteDeleteAsync(ct);

    /// <summary>The buyer has seen the new prices: they become the prices the cart compares against.</summary>
    public async Task AcceptPricesAsync(string userId, int organisationId, CancellationToken ct = default)
    {
        var lines = await Lines(userId, organisationId).ToListAsync(ct);
        var facts = await ListingFactsQuery.LoadAsync(db, lines.Select(l => l.ListingId), ct);
        foreach (var line in lines)
        {
            if (facts.TryGetValue(line.ListingId, out var listing) && LinePricing.Quote(listing, line.Quantity).UnitPriceFen is { } price)
                line.SeenUnitPriceFen = price;
        }
        await db.SaveChangesAsync(ct);
    }

    internal IQueryable<CartLine> Lines(string userId, int organisationId) =>
        db.CartLines.Where(l => l.UserId == userId && l.OrganisationId == organisationId);

    public static Refusal RefusalOf(LineProblem problem) => problem switch
    {
        LineProblem.Unavailable => Refusal.Unavailable,
        LineProblem.BelowMinimumOrder => Refusal.BelowMinimumOrder,
        LineProblem.NotEnoughStock => Refusal.NotEnoughStock,
        LineProblem.QuantityNotPositive => Refusal.QuantityNotPositive,
        LineProblem.QuantityTooLarge => Refusal.QuantityTooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Not a refusal."),
    };
}
