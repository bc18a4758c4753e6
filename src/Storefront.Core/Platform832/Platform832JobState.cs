namespace Storefront.Core.Platform832;

/// <summary>
/// The stored position and health of one of the adapter's jobs: the audits and orders followers keep their
/// updatedSince and cursor here, so a restart goes on where the last run stopped.
/// </summary>
public class Platform832JobState
{
    public const string Sync = "platform832-sync";
    public const string Audits = "platform832-audits";
    public const string Orders = "platform832-orders";
    public const string Reconciliation = "platform832-reconciliation";
    /// <summary>Reads the platform's categories and counties, on start and daily.</summary>
    public const string ReferenceData = "platform832-reference-data";
    public const int CursorMaxLength = 2000;

    public required string Name { get; init; }
    /// <summary>The updatedSince of the query being paged, UTC.</summary>
    public DateTime? UpdatedSinceUtc { get; set; }
    /// <summary>The platform's nextCursor for that query; null when the query was read to its end.</summary>
    public string? Cursor { get; set; }
    /// <summary>The time of the latest item read, where the next query starts once this one is read to its end.</summary>
    public DateTime? LastItemAtUtc { get; set; }
    public DateTime? LastRunAtUtc { get; set; }
    /// <summary>Items handled in the last run, for the monitor.</summary>
    public int LastRunItems { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAtUtc { get; set; }
}
