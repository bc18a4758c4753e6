namespace Storefront.Core.Auditing;

/// <summary>One admin decision or sensitive change: who, when, what, on what, and why. Never edited or deleted.</summary>
public class AuditEntry
{
    public long Id { get; private set; }
    public DateTime AtUtc { get; init; }
    public string? ActorUserId { get; init; }
    public required string ActorName { get; init; }
    /// <summary>What was done, as "Area.Verb": "Supplier.Approve", "DesignatedCounty.Import".</summary>
    public required string Action { get; init; }
    public required string SubjectType { get; init; }
    public required string SubjectId { get; init; }
    public string? Reason { get; init; }
    public string? Details { get; init; }
}
