namespace Storefront.Core.Jobs;

/// <summary>
/// A lease on a background job, so that only one instance of the shop runs it at a time. Whoever holds an unexpired
/// lease runs the job; a crashed holder's lease simply runs out.
/// </summary>
public class JobLease
{
    public required string Name { get; init; }
    public string? Holder { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? AcquiredAtUtc { get; set; }
    /// <summary>When the job last finished a run successfully, for the admins' monitor.</summary>
    public DateTime? LastSucceededAtUtc { get; set; }
}
