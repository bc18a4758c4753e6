using Storefront.Core.Data;

namespace Storefront.Core.Auditing;

/// <summary>Adds audit entries to the unit of work, so that a decision and its record are saved together or not at all.</summary>
public sealed class AuditLog(StorefrontDbContext db, TimeProvider clock)
{
    public void Record(string? actorUserId, string actorName, string action, string subjectType, string subjectId, string? reason = null, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId,
            ActorName = actorName,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Reason = reason,
            Details = details,
        });
}
