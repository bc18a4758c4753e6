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
        var lines = ofOrders.OrderBy(l => l.ListingId).ToList();
        // A listing on two lines is taken once, for both: one row of the update each.
        var wanted = lines.GroupBy(l => l.ListingId).Select(g => (ListingId: g.Key, Quantity: g.Sum(l => l.Quantity))).ToList();
        if (wanted.Count > 0)
        {
            var taken = await TakeAsync(wanted, now, ct);
            if (taken.Count != wanted.Count) return lines.First(l => !taken.Contains(l.ListingId));
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
        foreach (var line in order.Lines.OrderBy(l => l.ListingId))
        {
            var quantity = line.Quantity;
            await db.Listings.Where(l => l.Id == line.ListingId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Stock, l => l.Stock + quantity)
                    .SetProperty(l => l.Revision, l => l.Revision + 1)
                    .SetProperty(l => l.UpdatedAtUtc, now), ct);
        }
        await db.InsertAsync(order.Lines.Select(l => ListingSyncJob.For(l.ListingId, now)).ToList(), ct);
        order.MarkStockReleased();
    }

    /// <summary>
    /// One statement for all the listings (UPDATE … FROM (VALUES (id, quantity), …)), each row only if its stock covers
    /// the quantity; returns the ids it took from. Parameterised: two parameters a listing plus the time and status.
    /// </summary>
    private async Task<HashSet<int>> TakeAsync(IReadOnlyList<(int ListingId, int Quantity)> wanted, DateTime now, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // PostgreSQL locks rows as the update reaches them, in the plan's order: lock them in listing order first,
            // so that two checkouts sharing listings wait for each other instead of deadlocking. (SQLite lets one
            // transaction write at a time.)
            // Only placeholders ({0}, {1}, …) are put in the text; the values go as parameters.
            var lockSql = $"SELECT 1 FROM \"Listings\" WHERE \"Id\" IN ({string.Join(", ", wanted.Select((_, i) => $"{{{i}}}"))}) ORDER BY \"Id\" FOR UPDATE";
            await db.Database.ExecuteSqlRawAsync(lockSql, wanted.Select(w => (object)w.ListingId), ct);
        }
        var parameters = new List<object> { now, (int)ListingStatus.Deleted };
        var values = new StringBuilder();
        foreach (var (listingId, quantity) in wanted)
        {
            if (values.Length > 0) values.Append(", ");
            values.Append(CultureInfo.InvariantCulture, $"({{{parameters.Count}}}, {{{parameters.Count + 1}}})");
            parameters.Add(listingId);
            parameters.Add(quantity);
        }
        var updateSql = $$"""
            UPDATE "Listings" SET "Stock" = "Stock" - v.column2, "Revision" = "Revision" + 1, "UpdatedAtUtc" = {0}
            FROM (VALUES {{values}}) AS v
            WHERE "Listings"."Id" = v.column1 AND "Listings"."Stock" >= v.column2 AND "Listings"."Status" <> {1}
            RETURNING "Id" AS "Value"
            """;
        var taken = await db.Database.SqlQueryRaw<int>(updateSql, parameters.ToArray()).ToListAsync(ct);
        return taken.ToHashSet();
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock is reserved and released inside the transaction that changes the order.");
    }
}
