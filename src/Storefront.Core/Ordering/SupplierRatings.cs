using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>Buyers' ratings of suppliers: left once per order after something of it was accepted, shown as an average.</summary>
public sealed class SupplierRatings(StorefrontDbContext db, TimeProvider clock)
{
    public enum Outcome { Done, NotYetReceived, AlreadyRated, StarsOutOfRange, CommentTooLong }

    /// <summary>The ratings of a supplier: the average is shown to one decimal, halves rounded up (4.25 → 4.3).</summary>
    public sealed record Summary(int StarsTotal, int Count)
    {
        public decimal Average => Math.Round((decimal)StarsTotal / Count, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Only an order of which at least one shipment was accepted may be rated, and only once.</summary>
    public async Task<Outcome> RateAsync(Order order, string userId, int stars, string? comment, CancellationToken ct = default)
    {
        if (stars is < 1 or > 5) return Outcome.StarsOutOfRange;
        var text = comment.TrimmedOrNull();
        if (text is { Length: > SupplierRating.CommentMaxLength }) return Outcome.CommentTooLong;
        if (!order.Shipments.Any(s => s.Receipt is not null)) return Outcome.NotYetReceived;
        if (await db.SupplierRatings.AnyAsync(r => r.OrderId == order.Id, ct)) return Outcome.AlreadyRated;
        var rating = new SupplierRating
        {
            OrderId = order.Id, SupplierId = order.SupplierId, OrganisationId = order.OrganisationId, Stars = stars, Comment = text,
            RatedByUserId = userId, RatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.SupplierRatings.Add(rating);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two buyers rating at once: the unique index on the order keeps the first.
            db.Entry(rating).State = EntityState.Detached;
            if (await db.SupplierRatings.AnyAsync(r => r.OrderId == order.Id, ct)) return Outcome.AlreadyRated;
            throw;
        }
        return Outcome.Done;
    }

    /// <summary>The average of a supplier's ratings, or null when it has none.</summary>
    public async Task<Summary?> SummaryAsync(int supplierId, CancellationToken ct = default)
    {
        var ratings = db.SupplierRatings.Where(r => r.SupplierId == supplierId);
        var count = await ratings.CountAsync(ct);
        return count == 0 ? null : new Summary(await ratings.SumAsync(r => r.Stars, ct), count);
    }
}
