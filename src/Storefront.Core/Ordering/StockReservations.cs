using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>
/// Takes an order's units out of stock when it goes on to payment and puts them back when it is cancelled
/// (DESIGN.md rule 4). Each line is one conditional update (WHERE Stock >= quantity), so stock never goes below zero
/// however many buyers take the last units at once; the database's check constraint is the last guard. The updates
/// bypass the change tracker, so the listings' sync jobs are added here, in the caller's transaction.
/// </summary>
public sealed class StockReservations(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Reserves every line or reports the first that cannot be: then the caller must roll its transaction back, since
    /// lines before it were taken. Call inside a transaction.
    /// </summary>
    public async Task<OrderLine?> ReserveAsync(Order order, CancellationToken ct = default)
    {
        RequireTransaction();
        var now = clock.GetUtcNow().UtcDateTime;
        // Always in listing order, so that two orders sharing listings lock them in the same order and cannot deadlock.
        foreach (var line in order.Lines.OrderBy(l => l.ListingId))
        {
            var quantity = line.Quantity;
            var taken = await db.Listings
                .Where(l => l.Id == line.ListingId && l.Stock >= quantity && l.Status != ListingStatus.Deleted)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Stock, l => l.Stock - quantity)
                    .SetProperty(l => l.Revision, l => l.Revision + 1)
                    .SetProperty(l => l.UpdatedAtUtc, now), ct);
            if (taken == 0) return line;
            db.ListingSyncJobs.Add(ListingSyncJob.For(line.ListingId, now));
        }
        order.MarkStockReserved(now);
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
            db.ListingSyncJobs.Add(ListingSyncJob.For(line.ListingId, now));
        }
        order.MarkStockReleased();
    }

    private void RequireTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Stock is reserved and released inside the transaction that changes the order.");
    }
}
