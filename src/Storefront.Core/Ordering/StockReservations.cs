using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>
/// Takes orders' units out of stock when they go on to payment and puts them back when one is cancelled (DESIGN.md
/// rule 4). All the lines are taken by one conditional update (WHERE Stock >= quantity, per line), so stock never goes
/// below zero however many buyers take the last units at once; the database's check constraint is the last guard. The
/// updates bypass the change tracker, so the listings' sync jobs are inserted here, in the caller's transaction.
/// </summary>
public sealed class StockReservations(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Reserves every line of the orders or reports the first (in listing order) that cannot be: then the caller must
    /// roll its transaction back, since the other lines were taken. Call inside a transaction.
    /// </summary>
    public Task<OrderLine?> ReserveAsync(IReadOnlyCollection<Order> orders, CancellationToken ct = default) =>
        ReserveAsync(orders, orders.SelectMany(o => o.Lines).ToList(), ct);

    public Task<OrderLine?> ReserveAsync(Order order, CancellationToken ct = default) => ReserveAsync([order], ct);

    /// <summary>The same, for orders whose lines are held apart from them (checkout inserts them in bulk).</summary>
    internal async Task<OrderLine?> ReserveAsync(IReadOnlyCollection<Order> orders, IReadOnlyCollection<OrderLine> ofOrders, CancellationToken ct)
    {
        RequireTransaction();
        var now = clock.GetUtcNow().UtcDateTime;
        var wanted = ByListing(ofOrders);
        if (wanted.Count > 0)
        {
            var taken = await UpdateAsync(wanted, take: true, now, ct);
            if (taken.Count != wanted.Count) return ofOrders.OrderBy(l => l.ListingId).First(l => !taken.Contains(l.ListingId));
            await db.InsertAsync(wanted.Select(w => ListingSyncJob.For(w.ListingId, now)).ToList(), ct);
        }
        foreach (var order in orders) order.MarkStockReserved(now);
        return null;
    }

    /// <summary>Puts back what the order reserved, if it reserved anything. Call inside a transaction.</summary>
    public async Task ReleaseAsync(Order order, CancellationToken ct = default)
    {
        if (order.StockReservedAtUtc is null) return;
        RequireTransaction();
        var now = clock.GetUtcNow().UtcDateTime;
        var released = ByListing(order.Lines);
        if (released.Count > 0)
        {
            await UpdateAsync(released, take: false, now, ct);
            await db.InsertAsync(released.Select(w => ListingSyncJob.For(w.ListingId, now)).ToList(), ct);
        }
        order.MarkStockReleased();
    }

    /// <summary>The quantity of each listing, in listing order: a listing on two lines is one row of the update, for both.</summary>
    private static List<(int ListingId, int Quantity)> ByListing(IEnumerable<OrderLine> lines) =>
        lines.GroupBy(l => l.ListingId).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(l => l.Quantity))).ToList();

    /// <summary>
    /// One statement for all the listings (UPDATE … FROM (VALUES (id, quantity), …)): taking, each row only if its stock
    /// covers the quantity and the listing is not deleted; putting back, every row. Returns the ids it changed.
    /// Parameterised: two parameters a listing plus the time and status.
    /// </summary>
    private async Task<HashSet<int>> UpdateAsync(IReadOnlyList<(int ListingId, int Quantity)> changes, bool take, DateTime now, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // PostgreSQL locks rows as the update reaches them, in the plan's order: lock them in listing order first,
            // so that two checkouts (or a checkout and a cancellation) sharing listings wait for each other instead of
            // deadlocking. (SQLite lets one transaction write at a time.)
            // Only placeholders ({0}, {1}, …) are put in the text; the values go as parameters.
            var lockSql = $"SELECT 1 FROM \"Listings\" WHERE \"Id\" IN ({string.Join(", ", changes.Select((_, i) => $"{{{i}}}"))}) ORDER BY \"Id\" FOR UPDATE";
            await db.Database.ExecuteSqlRawAsync(lockSql, changes.Select(w => (object)w.ListingId), ct);
        }
        var parameters = new List<object> { now, (int)ListingStatus.Deleted };
        var values = new StringBuilder();
        foreach (var (listingId, quantity) in changes)
        {
            if (values.Length > 0) values.Append(", ");
            values.Append(CultureInfo.InvariantCulture, $"({{{parameters.Count}}}, {{{parameters.Count + 1}}})");
            parameters.Add(listingId);
            parameters.Add(quantity);
        }
        var (sign, condition) = take
            ? ("-", """ AND "Listings"."Stock" >= v.column2 AND "Listings"."Status" <> {1}""")
            : ("+", "");
        var updateSql = $$"""
            UPDATE "Listings" SET "Stock" = "Stock" {{sign}} v.column2, "Revision" = "Revision" + 1, "UpdatedAtUtc" = {0}
            FROM (VALUES {{values}}) AS v
            WHERE "Listings"."Id" = v.column1{{condition}}
            RETURNING "Id" AS "Value"
            """;
        var changed = await db.Database.SqlQueryRaw<int>(updateSql, parameters.ToArray()).ToListAsync(ct);
        return changed.ToHashSet();
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock is reserved and released inside the transaction that changes the order.");
    }
}
