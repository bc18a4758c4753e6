using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

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
        // Rows come line by line, each line's tiers together and in order.
        var items = new List<CartItem>();
        CartLineRow? line = null;
        var tiers = new List<PriceTier>();
        await foreach (var row in ReadLines.For(db)(db, userId, organisationId).WithCancellation(ct))
        {
            if (line is not null && row.LineId != line.LineId)
            {
                items.Add(ItemOf(line, tiers));
                tiers = [];
            }
            line = row;
            if (row.TierMinQuantity is { } minQuantity) tiers.Add(new PriceTier(minQuantity, row.TierUnitPriceFen!.Value));
        }
        if (line is not null) items.Add(ItemOf(line, tiers));
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

    private static CartItem ItemOf(CartLineRow row, IReadOnlyList<PriceTier> tiers)
    {
        var listing = new ListingFacts(row.ListingId, row.Title, row.Unit, row.Spec, row.OriginCountyCode, row.SupplierId, row.SupplierName,
            row.MinOrderQuantity, row.Stock, row.LeadTimeDays, row.Available, tiers, row.ShownToBuyers);
        return new CartItem(LinePricing.Quote(listing, row.Quantity), row.SeenUnitPriceFen);
    }

    /// <summary>A row of the cart's one read: a line with its listing's facts and one of its price tiers (none when it has none).</summary>
    private sealed class CartLineRow
    {
        public long LineId { get; init; }
        public int Quantity { get; init; }
        public long SeenUnitPriceFen { get; init; }
        public int ListingId { get; init; }
        public string Title { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Spec { get; init; } = "";
        public string OriginCountyCode { get; init; } = "";
        public int SupplierId { get; init; }
        public string SupplierName { get; init; } = "";
        public int MinOrderQuantity { get; init; }
        public int Stock { get; init; }
        public int LeadTimeDays { get; init; }
        public bool Available { get; init; }
        public bool ShownToBuyers { get; init; }
        public int? TierMinQuantity { get; init; }
        public long? TierUnitPriceFen { get; init; }
    }

    // The cart page's read, one statement compiled once per model: the lines joined to their listings and tiers, so that
    // the SQL keeps one shape whatever the number of lines. Reading the lines and then the listings by an IN list of
    // their ids (ListingFactsQuery) was three statements whose SQL EF composed afresh on every request, 38% of the
    // page's time in issue 13's profile. Lines whose listing is gone are left out, as before.
    private static readonly CompiledPerModel<Func<StorefrontDbContext, string, int, IAsyncEnumerable<CartLineRow>>> ReadLines = new(() => EF.CompileAsyncQuery(
        (StorefrontDbContext db, string userId, int organisationId) =>
            from line in db.CartLines
            where line.UserId == userId && line.OrganisationId == organisationId
            join l in db.Listings on line.ListingId equals l.Id
            from tier in db.ListingPriceTiers.Where(t => t.ListingId == l.Id).DefaultIfEmpty()
            orderby line.Id, tier!.MinQuantity
            select new CartLineRow
            {
                LineId = line.Id, Quantity = line.Quantity, SeenUnitPriceFen = line.SeenUnitPriceFen,
                ListingId = l.Id, Title = l.Title, Unit = l.Unit, Spec = l.Spec, OriginCountyCode = l.OriginCountyCode,
                SupplierId = l.SupplierId, SupplierName = l.Supplier.Name, MinOrderQuantity = l.MinOrderQuantity, Stock = l.Stock,
                LeadTimeDays = l.LeadTimeDays,
                // The same rules as ListingFactsQuery's: what may be bought (CatalogSearch.Visible) and what buyers were ever shown.
                Available = l.Status == ListingStatus.Published
                    && l.Supplier.Status == VerificationStatus.Verified
                    && db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == l.OriginCountyCode),
                ShownToBuyers = l.Status == ListingStatus.Published || l.Status == ListingStatus.Unpublished
                    || (l.Status == ListingStatus.PendingReview && l.PublishedAtUtc != null),
                TierMinQuantity = tier == null ? null : tier.MinQuantity,
                TierUnitPriceFen = tier == null ? null : tier.UnitPriceFen,
            }));

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
