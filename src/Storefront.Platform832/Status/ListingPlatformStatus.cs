using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Status;

/// <summary>What a supplier (or an admin) sees of a listing on the 832 platform: its sync and its audit.</summary>
public sealed record ListingPlatformStatus(
    int ListingId,
    int Revision,
    ListingSyncState State,
    int? RevisionAcknowledged,
    bool Delisted,
    PlatformAuditStatus Audit,
    string? RejectReason,
    string? LastError,
    IReadOnlyList<FieldError> FieldErrors,
    bool WaitingToSend,
    ListingWaitReasons WaitReasons = ListingWaitReasons.None)
{
    /// <summary>The platform holds our latest revision.</summary>
    public bool InStep => State == ListingSyncState.InStep && RevisionAcknowledged == Revision && !WaitingToSend;
}

/// <summary>One query for the statuses of many listings, for a page that lists them (issue 3's listings, the monitor).</summary>
public sealed class ListingPlatformStatusQuery(StorefrontDbContext db)
{
    /// <summary>The listings that have a sync record or wait in the outbox; others are not on the 832 platform.</summary>
    public async Task<IReadOnlyDictionary<int, ListingPlatformStatus>> ForListingsAsync(IReadOnlyCollection<int> listingIds, CancellationToken ct = default)
    {
        var ids = listingIds.Distinct().ToList();
        var rows = await db.Listings.AsNoTracking()
            .Where(l => ids.Contains(l.Id) && l.Supplier.Platform832Code != null)
            .Select(l => new
            {
                l.Id,
                l.Revision,
                Record = db.ListingSyncRecords.Where(r => r.ListingId == l.Id)
                    .Select(r => new { r.State, r.RevisionAcknowledged, r.Delisted, r.AuditStatus, r.RejectReason, r.LastError, r.FieldErrors, r.WaitReasons })
                    .FirstOrDefault(),
                Waiting = db.ListingSyncJobs.Any(j => j.ListingId == l.Id && j.DoneAtUtc == null),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.Record is null
            ? new ListingPlatformStatus(r.Id, r.Revision, ListingSyncState.Pending, null, false, PlatformAuditStatus.Unknown, null, null, [], r.Waiting)
            : new ListingPlatformStatus(r.Id, r.Revision, r.Record.State, r.Record.RevisionAcknowledged, r.Record.Delisted, r.Record.AuditStatus,
                r.Record.RejectReason, r.Record.LastError, SyncScope.ParseFieldErrors(r.Record.FieldErrors), r.Waiting, r.Record.WaitReasons));
    }

    public async Task<ListingPlatformStatus?> ForListingAsync(int listingId, CancellationToken ct = default) =>
        (await ForListingsAsync([listingId], ct)).GetValueOrDefault(listingId);
}
