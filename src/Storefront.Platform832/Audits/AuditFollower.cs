using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Audits;

/// <summary>Follows the platform's audit decisions (4.5) and sets each listing's audit status and reason.</summary>
public sealed class AuditFollower(StorefrontDbContext db, Platform832Client client, FeedFollower feed, IOptions<Platform832Options> options)
{
    private const int MaxPagesPerRun = 50;

    public Task<FeedFollower.Outcome> RunOnceAsync(CancellationToken ct = default) =>
        feed.FollowAsync(Platform832JobState.Audits, options.Value.FollowFrom,
            (since, cursor, token) => client.GetAuditChangesAsync(since, cursor, options.Value.PageSize, token),
            change => change.DecidedAt, ApplyAsync, MaxPagesPerRun, ct);

    private async Task ApplyAsync(IReadOnlyList<AuditChange> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => Listing.ParseCode(c.ExternalId)).OfType<int>().Distinct().ToList();
        var records = await db.ListingSyncRecords.Where(r => ids.Contains(r.ListingId)).ToDictionaryAsync(r => r.ListingId, ct);
        foreach (var change in changes)
        {
            if (Listing.ParseCode(change.ExternalId) is not { } id || !records.TryGetValue(id, out var record)) continue;
            if (record.SupplierCode != change.SupplierCode) continue;
            var status = SyncScope.ParseAudit(change.AuditStatus);
            // A decision about an older revision than the status we hold is history, not news.
            if (status == PlatformAuditStatus.Unknown || (record.AuditRevision is { } known && change.Revision < known)) continue;
            record.AuditStatus = status;
            record.AuditRevision = change.Revision;
            record.RejectReason = status == PlatformAuditStatus.Rejected && change.RejectReason is not null
                ? SyncScope.Truncate(change.RejectReason, ListingSyncRecord.ReasonMaxLength)
                : null;
            record.AuditDecidedAtUtc = change.DecidedAt.UtcDateTime;
        }
    }
}
