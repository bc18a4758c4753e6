using System.Globalization;
using Storefront.Core.Auditing;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;

namespace Storefront.Core.Organisations;

/// <summary>The admins' decisions on an organisation, each written to the audit log in the same unit of work.</summary>
public sealed class OrganisationVerification(AuditLog audit, Notifier notifier, TimeProvider clock)
{
    public enum Decision { Approve, Reject, Suspend, Reinstate }

    public const string SubjectType = "Organisation";

    public static bool NeedsReason(Decision decision) => decision is Decision.Reject or Decision.Suspend;

    /// <summary>Applies the decision when the organisation's state allows it; false changes nothing. The caller saves.</summary>
    public async Task<bool> DecideAsync(Organisation organisation, Decision decision, string? reason, string? actorUserId, string actorName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var done = decision switch
        {
            Decision.Approve => organisation.Approve(now),
            Decision.Reject => organisation.Reject(reason ?? ""),
            Decision.Suspend => organisation.Suspend(reason ?? "", now),
            Decision.Reinstate => organisation.Reinstate(now),
            _ => false,
        };
        if (!done) return false;
        audit.Record(actorUserId, actorName, $"Organisation.{decision}", SubjectType, organisation.Id.ToString(CultureInfo.InvariantCulture),
            reason: reason.TrimmedOrNull());
        if (decision is Decision.Approve or Decision.Reject)
        {
            notifier.Notify(await notifier.OrganisationMembersAsync(organisation.Id, OrganisationRoles.OrgAdmin, ct: ct),
                decision == Decision.Approve ? NotificationKind.OrganisationVerified : NotificationKind.OrganisationRejected,
                organisation.Name, "/organisation");
        }
        return true;
    }
}
