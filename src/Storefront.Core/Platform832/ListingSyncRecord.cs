using Storefront.Core.Catalog;

namespace Storefront.Core.Platform832;

/// <summary>Where a listing stands with the 832 platform's sync.</summary>
public enum ListingSyncState
{
    /// <summary>A change waits to be sent.</summary>
    Pending = 0,
    /// <summary>The platform acknowledged the revision last sent.</summary>
    InStep = 1,
    /// <summary>The platform refused the revision (400) with field reasons; the supplier must change the listing.</summary>
    Refused = 2,
    /// <summary>A send failed for a passing reason (fault, rate limit, no answer) and is retried with backoff.</summary>
    Retrying = 3,
    /// <summary>Attempts ran out: an admin must retry it.</summary>
    Parked = 4,
    /// <summary>Not sent: the platform would not take it as it stands (see <see cref="ListingSyncRecord.WaitReasons"/>); it goes once an admin has mapped its category or the platform lists its county.</summary>
    Waiting = 5,
}

/// <summary>The platform's audit of a product (4.1); Unknown until the platform has said.</summary>
public enum PlatformAuditStatus { Unknown = 0, Pending = 1, Approved = 2, Rejected = 3 }

/// <summary>
/// The sync record of one listing with the 832 platform: what was sent and acknowledged, the platform's product id and
/// audit, and the last error. One row per listing that was ever in scope, kept by the adapter.
/// </summary>
public class ListingSyncRecord
{
    public const int ErrorMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    public int ListingId { get; init; }
    public Listing Listing { get; private set; } = null!;
    /// <summary>The supplier code the listing was last sent under.</summary>
    public string? SupplierCode { get; set; }
    public ListingSyncState State { get; set; }
    public int? RevisionSent { get; set; }
    public int? RevisionAcknowledged { get; set; }
    public string? PlatformProductId { get; set; }
    /// <summary>True when the platform holds the product off sale (acknowledged delist).</summary>
    public bool Delisted { get; set; }
    public PlatformAuditStatus AuditStatus { get; set; }
    /// <summary>The revision the audit status belongs to, so that an older decision never overwrites a newer one.</summary>
    public int? AuditRevision { get; set; }
    public string? RejectReason { get; set; }
    public DateTime? AuditDecidedAtUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>The platform's field reasons for a refused revision, one "field: reason" a line.</summary>
    public string? FieldErrors { get; set; }
    /// <summary>Why it waits (state <see cref="ListingSyncState.Waiting"/>); None otherwise.</summary>
    public ListingWaitReasons WaitReasons { get; set; }
    /// <summary>Failed attempts at the current revision; reset when a send succeeds.</summary>
    public int Attempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public DateTime? LastAttemptAtUtc { get; set; }
    public DateTime? LastSyncedAtUtc { get; set; }
    public DateTime? ParkedAtUtc { get; set; }
}
