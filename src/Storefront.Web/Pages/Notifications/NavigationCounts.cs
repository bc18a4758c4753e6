using Storefront.Web.Security;

namespace Storefront.Web.Pages.Notifications;

/// <summary>
/// The header's counts of the person, both read with their seats in the one round trip of <see cref="CurrentActor"/>.
/// </summary>
public sealed class NavigationCounts(CurrentActor actor)
{
    public async Task<int> UnreadAsync() => (await actor.GetSeatsAsync()).UnreadNotifications;

    /// <summary>
    /// What the approvals link shows the organisation's approvers: its purchases with an order waiting for approval and
    /// its procurement plans waiting. Read with their seats, in the same one statement (<see cref="CurrentActor"/>):
    /// an approver's every page shows it, and a statement of its own was a second round trip on every shared page (issue 13).
    /// </summary>
    public async Task<int> AwaitingApprovalAsync(int organisationId) =>
        (await actor.GetSeatsAsync()).Organisations.FirstOrDefault(s => s.OrganisationId == organisationId)?.AwaitingApproval ?? 0;
}
