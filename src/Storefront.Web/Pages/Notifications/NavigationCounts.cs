using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Notifications;

/// <summary>The ordering links of the header and the number of unread notifications, read once per request.</summary>
public sealed class NavigationCounts(StorefrontDbContext db, CurrentActor actor)
{
    public async Task<int> UnreadAsync()
    {
        var me = actor.UserId;
        return me is null ? 0 : await db.Notifications.CountAsync(n => n.UserId == me && n.ReadAtUtc == null);
    }

    /// <summary>The organisation's purchases with an order waiting for approval: what the approvals link shows its approvers.</summary>
    public Task<int> PurchasesAwaitingApprovalAsync(int organisationId) =>
        db.Purchases.CountAsync(p => p.OrganisationId == organisationId && p.Orders.Any(o => o.Status == OrderStatus.PendingApproval));
}
