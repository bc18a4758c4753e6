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
    /// its procurement plans waiting, counted in one statement. Compiled, and read from the orders' (organisation,
    /// status) index: an approver's every page asks it, and composed per request over each purchase's orders it was
    /// two fifths of a shared catalog page on the full data set (issue 13).
    /// </summary>
    public Task<int> AwaitingApprovalAsync(int organisationId) => CountAwaitingApproval.For(db)(db, organisationId);

    private static readonly CompiledPerModel<Func<StorefrontDbContext, int, Task<int>>> CountAwaitingApproval = new(() => EF.CompileAsyncQuery(
        (StorefrontDbContext db, int organisationId) =>
            db.Organisations.Where(x => x.Id == organisationId)
                .Select(x => db.Orders.Where(o => o.OrganisationId == organisationId && o.Status == OrderStatus.PendingApproval).Select(o => o.PurchaseId).Distinct().Count()
                    + db.ProcurementPlans.Count(p => p.OrganisationId == organisationId && p.Approval == PlanApproval.AwaitingApproval && p.ClosedAtUtc == null))
                .Single()));
}
