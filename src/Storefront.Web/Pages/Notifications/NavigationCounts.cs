using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Notifications;

/// <summary>
/// The header's counts of the person: the unread count comes with their seats, in the one round trip of
/// <see cref="CurrentActor"/>; approvers' waiting purchases are read for them only.
/// </summary>
public sealed class NavigationCounts(StorefrontDbContext db, CurrentActor actor)
{
    public async Task<int> UnreadAsync() => (await actor.GetSeatsAsync()).UnreadNotifications;

    /// <summary>The organisation's purchases with an order waiting for approval: what the approvals link shows its approvers.</summary>
    public Task<int> PurchasesAwaitingApprovalAsync(int organisationId) =>
        db.Purchases.CountAsync(p => p.OrganisationId == organisationId && p.Orders.Any(o => o.Status == OrderStatus.PendingApproval));
}
