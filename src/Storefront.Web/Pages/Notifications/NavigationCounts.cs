using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
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

    /// <summary>
    /// What the approvals link shows the organisation's approvers: its purchases with an order waiting for approval and
    /// its procurement plans waiting, counted in one statement.
    /// </summary>
    public Task<int> AwaitingApprovalAsync(int organisationId) =>
        db.Organisations.Where(x => x.Id == organisationId)
            .Select(x => db.Purchases.Count(p => p.OrganisationId == organisationId && p.Orders.Any(o => o.Status == OrderStatus.PendingApproval))
                + db.ProcurementPlans.Count(p => p.OrganisationId == organisationId && p.Approval == PlanApproval.AwaitingApproval && p.ClosedAtUtc == null))
            .SingleAsync();
}
