namespace Storefront.Core.Platform832;

public enum ReconciliationRunStatus { Requested = 0, Running = 1, Finished = 2, Failed = 3 }

public enum DriftKind
{
    /// <summary>We offer it; the platform does not hold it.</summary>
    Missing = 1,
    /// <summary>The platform offers it; we do not (unpublished, deleted, or unknown to us).</summary>
    Extra = 2,
    /// <summary>The platform holds another revision than our latest.</summary>
    StaleRevision = 3,
    /// <summary>Same revision, different price or stock.</summary>
    DifferentContent = 4,
}

/// <summary>One comparison of our listings with the platform's products, on a schedule or asked for by an admin.</summary>
public class ReconciliationRun
{
    public long Id { get; private set; }
    public ReconciliationRunStatus Status { get; set; }
    public DateTime RequestedAtUtc { get; init; }
    /// <summary>The admin who asked for it; null for a scheduled run.</summary>
    public string? RequestedBy { get; init; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public int SuppliersChecked { get; set; }
    public int ProductsChecked { get; set; }
    public int Missing { get; set; }
    public int Extra { get; set; }
    public int Stale { get; set; }
    public int Different { get; set; }
    /// <summary>Listings given a sync job to repair their drift.</summary>
    public int Queued { get; set; }
    public string? Error { get; set; }
    public List<ReconciliationDrift> Drifts { get; private set; } = [];

    public int DriftCount => Missing + Extra + Stale + Different;
}

public class ReconciliationDrift
{
    public const int DetailMaxLength = 300;

    public long Id { get; private set; }
    public long RunId { get; private set; }
    public required string SupplierCode { get; init; }
    public required string ExternalId { get; init; }
    public int? ListingId { get; init; }
    public DriftKind Kind { get; init; }
    public string Detail { get; init; } = "";
    /// <summary>True when a sync job was queued to repair it.</summary>
    public bool Queued { get; init; }
}
