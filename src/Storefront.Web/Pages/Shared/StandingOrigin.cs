using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Web.Pages.Shared;

/// <summary>Which agreement and delivery a standing order was made for, shown on the order's pages.</summary>
public static class StandingOrigin
{
    public static async Task<(long AgreementId, DateOnly Date)?> LoadAsync(StorefrontDbContext db, long orderId, CancellationToken ct)
    {
        var row = await db.StandingDeliveries.AsNoTracking().Where(d => d.OrderId == orderId)
            .Select(d => new { d.AgreementId, d.DeliveryDate }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.AgreementId, row.DeliveryDate);
    }
}
