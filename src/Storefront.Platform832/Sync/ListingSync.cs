using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;
using Storefront.Platform832.ReferenceData;

namespace Storefront.Platform832.Sync;

/// <summary>
/// Sends the outbox of listing changes to the platform. Every pending job of a listing becomes one request with the
/// listing's latest revision; listings on sale go in batch upserts of up to 50 per supplier, the others are delisted.
/// Each listing's sync record keeps what was sent and acknowledged, the audit, and the last error. Refusals (400) are
/// kept for the supplier and not retried; passing failures are retried with backoff and, after
/// <see cref="Platform832Options.MaxAttempts"/>, parked for an admin. A 409 moves our revision above the platform's.
/// A listing the platform cannot take as it stands (its category not mapped to one of the platform's, its origin
/// county not on the platform's list) is not sent: it waits with that reason until the mapping or the list changes.
/// </summary>
public sealed class ListingSync(
    StorefrontDbContext db,
    Platform832Client client,
    ListingImageUrls imageUrls,
    PlatformReferenceData referenceData,
    IOptions<Platform832Options> options,
    TimeProvider clock,
    ILogger<ListingSync> logger)
{
    public sealed record RunResult(int Listings, int Requests, int Acknowledged, int Refused, int Failed, int Parked)
    {
        public static readonly RunResult Nothing = new(0, 0, 0, 0, 0, 0);
    }

    private sealed record Photo(string Hash, int Width, int Height);

    private sealed record Snapshot(
        int Id, int Revision, ListingStatus Status, string? SupplierCode, VerificationStatus SupplierStatus,
        string Title, int CategoryId, string OriginCountyCode, string? CertificationNo, string Unit, string Spec,
        long PriceFen, int Stock, int MinOrderQuantity, string Description, List<Photo> Photos)
    {
        public string ExternalId => Listing.CodeOf(Id);
        /// <summary>The platform's code for the listing's category, through the admins' mapping.</summary>
        public string PlatformCategoryCode { get; init; } = "";
    }

    private sealed record Sent(Snapshot Listing, bool Delist, Platform832Result<ProductState> Result);

    private readonly Platform832Options _options = options.Value;

    /// <summary>The listings of one run: what to send, and the outbox jobs it settles.</summary>
    private sealed record Prepared(HashSet<int> ListingIds, List<Snapshot> Upserts, List<Snapshot> Delists,
        List<(Snapshot Listing, ListingWaitReasons Reasons)> Waiting, List<int> NoLongerWaiting, Dictionary<int, List<long>> JobsOf, List<long> Done, bool Full);

    /// <summary>One pass over the outbox: up to <see cref="Platform832Options.ListingsPerRun"/> listings.</summary>
    public async Task<RunResult> RunOnceAsync(CancellationToken ct = default)
    {
        var run = await PrepareAsync([], ct);
        if (run is null) return RunResult.Nothing;
        var (sent, requests) = await SendAsync(run, ct);
        return await ApplyAsync(run, sent, requests, ct);
    }

    /// <summary>
    /// Runs until the outbox is empty or the time is up, overlapping each run's database work with the next run's
    /// requests, so that a large backlog moves at the pace of the rate limit rather than of the database.
    /// </summary>
    public async Task<RunResult> DrainAsync(TimeSpan budget, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var total = RunResult.Nothing;
        var current = await PrepareAsync([], ct);
        var sending = current is null ? null : SendAsync(current, ct);
        while (current is not null)
        {
            // The next run is read while this one's requests are in flight; it leaves this run's listings alone.
            var next = current.Full && clock.Elapsed < budget ? await PrepareAsync(current.ListingIds, ct) : null;
            var (sent, requests) = await sending!;
            sending = next is null ? null : SendAsync(next, ct);
            var result = await ApplyAsync(current, sent, requests, ct);
            total = new RunResult(total.Listings + result.Listings, total.Requests + result.Requests, total.Acknowledged + result.Acknowledged,
                total.Refused + result.Refused, total.Failed + result.Failed, total.Parked + result.Parked);
            current = next;
        }
        return total;
    }

    private async Task<Prepared?> PrepareAsync(HashSet<int> inFlight, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A listing cannot be checked against lists never read; until they are, the outbox waits as it is.
        if (await referenceData.EnsureReadAsync(ct) is { Error: not null }) return null;
        var skip = inFlight.ToList();
        // The jobs are read before the listings: a change saved in between is either sent now or keeps its job.
        var listingIds = await db.ListingSyncJobs.AsNoTracking()
            .Where(j => j.DoneAtUtc == null && !skip.Contains(j.ListingId))
            .Where(j => !db.ListingSyncRecords.Any(r => r.ListingId == j.ListingId && r.NextAttemptAtUtc > now))
            .GroupBy(j => j.ListingId)
            .Select(g => new { ListingId = g.Key, First = g.Min(j => j.Id) })
            .OrderBy(g => g.First)
            .Take(_options.ListingsPerRun)
            .Select(g => g.ListingId)
            .ToListAsync(ct);
        if (listingIds.Count == 0) return null;
        var jobs = await db.ListingSyncJobs.AsNoTracking()
            .Where(j => j.DoneAtUtc == null && listingIds.Contains(j.ListingId))
            .Select(j => new { j.Id, j.ListingId })
            .ToListAsync(ct);
        var jobsOf = jobs.GroupBy(j => j.ListingId).ToDictionary(g => g.Key, g => g.Select(j => j.Id).ToList());

        var listings = await db.Listings.AsNoTracking()
            .Where(l => listingIds.Contains(l.Id))
            .Select(l => new Snapshot(l.Id, l.Revision, l.Status, l.Supplier.Platform832Code, l.Supplier.Status,
                l.Title, l.CategoryId, l.OriginCountyCode, l.CertificationNo, l.Unit, l.Spec,
                // The platform takes one price: the tier the minimum order reaches (the first, starting there).
                l.PriceTiers.Where(t => t.MinQuantity <= l.MinOrderQuantity).OrderByDescending(t => t.MinQuantity).Select(t => (long?)t.UnitPriceFen).FirstOrDefault() ?? l.BasePriceFen,
                l.Stock, l.MinOrderQuantity, l.Description,
                l.Photos.OrderBy(p => p.Position).Take(10).Select(p => new Photo(p.ContentHash, p.Width, p.Height)).ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
        var records = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => listingIds.Contains(r.ListingId))
            .Select(r => new { r.ListingId, r.State, r.RevisionSent, r.RevisionAcknowledged, r.Delisted })
            .ToDictionaryAsync(r => r.ListingId, ct);

        var categoryIds = listings.Select(l => l.CategoryId).Distinct().ToList();
        var mapped = await db.Platform832CategoryMappings.AsNoTracking()
            .Where(m => categoryIds.Contains(m.CategoryId) && db.Platform832Categories.Any(c => c.Code == m.PlatformCategoryCode))
            .ToDictionaryAsync(m => m.CategoryId, m => m.PlatformCategoryCode, ct);
        var countyCodes = listings.Select(l => l.OriginCountyCode).Distinct().ToList();
        var accepted = (await db.Platform832Counties.AsNoTracking().Where(c => countyCodes.Contains(c.Code)).Select(c => c.Code).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        var done = new List<long>();
        var upserts = new List<Snapshot>();
        var delists = new List<Snapshot>();
        var waiting = new List<(Snapshot, ListingWaitReasons)>();
        var noLongerWaiting = new List<int>();
        foreach (var listing in listings)
        {
            var record = records.GetValueOrDefault(listing.Id);
            var offered = SyncScope.IsOffered(listing.Status, listing.SupplierStatus);
            var nothingToSend =
                listing.SupplierCode is null
                // Parked or refused at this very revision: only a new change or an admin's retry sends it again.
                || (record is { State: ListingSyncState.Parked or ListingSyncState.Refused } && record.RevisionSent == listing.Revision)
                // Never sent and not on sale: the platform has nothing to take down.
                || (!offered && record?.RevisionSent is null)
                // Delisted and acknowledged at this revision. Reconciliation clears Delisted when it finds the product on
                // sale there after all, so this record never outweighs what the platform was seen to hold.
                || (!offered && record is { Delisted: true } && record.RevisionAcknowledged == listing.Revision);
            if (nothingToSend)
            {
                // Taken off sale while it waited, never sent: there is nothing left to wait for.
                if (!offered && record is { State: ListingSyncState.Waiting, RevisionSent: null }) noLongerWaiting.Add(listing.Id);
                done.AddRange(jobsOf.GetValueOrDefault(listing.Id) ?? []);
                continue;
            }
            if (!offered)
            {
                delists.Add(listing);
                continue;
            }
            var reasons = (mapped.ContainsKey(listing.CategoryId) ? ListingWaitReasons.None : ListingWaitReasons.CategoryUnmapped)
                | (accepted.Contains(listing.OriginCountyCode) ? ListingWaitReasons.None : ListingWaitReasons.CountyNotAccepted);
            if (reasons == ListingWaitReasons.None) upserts.Add(listing with { PlatformCategoryCode = mapped[listing.CategoryId] });
            else waiting.Add((listing, reasons));
        }
        // Listings deleted since their jobs were read have no jobs left (they cascade); those still listed are settled here.
        return new Prepared([.. listingIds], upserts, delists, waiting, noLongerWaiting, jobsOf, done, listingIds.Count >= _options.ListingsPerRun);
    }

    private async Task<(List<Sent> Sent, int Requests)> SendAsync(Prepared run, CancellationToken ct)
    {
        var requests = new List<Func<CancellationToken, Task<IEnumerable<Sent>>>>();
        foreach (var supplier in run.Upserts.GroupBy(l => l.SupplierCode!))
        {
            foreach (var batch in supplier.Chunk(Math.Clamp(_options.BatchSize, 1, 50)))
            {
                requests.Add(async token =>
                {
                    var items = batch.Select(l => new BatchItem(l.ExternalId, ContentOf(l))).ToList();
                    var answer = await client.BatchUpsertAsync(supplier.Key, items, token);
                    if (!answer.IsSuccess) return batch.Select(l => new Sent(l, false, answer.As<ProductState>()));
                    return batch.Zip(answer.Value).Select(pair => new Sent(pair.First, false,
                        pair.Second.ExternalId == pair.First.ExternalId
                            ? pair.Second.Result
                            : pair.Second.Result with { Outcome = Platform832Outcome.UnexpectedResponse, Message = $"result for {pair.Second.ExternalId}" }));
                });
            }
        }
        foreach (var listing in run.Delists)
        {
            requests.Add(async token => [new Sent(listing, true,
                await client.DelistProductAsync(listing.SupplierCode!, listing.ExternalId, listing.Revision, token))]);
        }

        var sent = new ConcurrentBag<Sent>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism), CancellationToken = ct },
            async (request, token) => { foreach (var s in await request(token)) sent.Add(s); });
        return ([.. sent], requests.Count);
    }

    private ProductContent ContentOf(Snapshot l) => new()
    {
        Revision = l.Revision,
        Title = l.Title,
        CategoryCode = l.PlatformCategoryCode,
        OriginCountyCode = l.OriginCountyCode,
        CertificationNo = string.IsNullOrWhiteSpace(l.CertificationNo) ? null : l.CertificationNo,
        Unit = l.Unit,
        Spec = l.Spec,
        PriceFen = l.PriceFen,
        Stock = l.Stock,
        MinOrderQty = l.MinOrderQuantity,
        ImageUrls = l.Photos.Select(p => imageUrls.For(p.Hash, p.Width, p.Height)).ToList(),
        Description = l.Description,
    };

    private async Task<RunResult> ApplyAsync(Prepared run, List<Sent> sent, int requests, CancellationToken ct)
    {
        int acknowledged = 0, refused = 0, failed = 0, parked = 0;
        string? runError = null;
        var now = clock.GetUtcNow().UtcDateTime;
        var jobsOf = run.JobsOf;
        var done = run.Done;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sentIds = sent.Select(s => s.Listing.Id).Concat(run.Waiting.Select(w => w.Listing.Id)).ToList();
        var records = await db.ListingSyncRecords.Where(r => sentIds.Contains(r.ListingId)).ToDictionaryAsync(r => r.ListingId, ct);
        ListingSyncRecord RecordOf(int listingId)
        {
            if (records.TryGetValue(listingId, out var record)) return record;
            record = new ListingSyncRecord { ListingId = listingId };
            db.ListingSyncRecords.Add(record);
            return records[listingId] = record;
        }
        foreach (var (listing, reasons) in run.Waiting)
        {
            // Nothing was sent: the record keeps what the platform last acknowledged, and says what the listing waits for.
            var record = RecordOf(listing.Id);
            record.SupplierCode = listing.SupplierCode;
            Settle(record, ListingSyncState.Waiting, error: null, fieldErrors: null);
            record.WaitReasons = reasons;
            done.AddRange(jobsOf.GetValueOrDefault(listing.Id) ?? []);
        }
        foreach (var (listing, delist, answer) in sent)
        {
            var record = RecordOf(listing.Id);
            record.WaitReasons = ListingWaitReasons.None;
            if (record.State == ListingSyncState.Waiting) record.State = ListingSyncState.Pending;
            if (record.RevisionSent != listing.Revision) record.Attempts = 0;
            record.SupplierCode = listing.SupplierCode;
            record.RevisionSent = listing.Revision;
            record.LastAttemptAtUtc = now;
            var jobs = jobsOf.GetValueOrDefault(listing.Id) ?? [];

            if (answer.IsSuccess || (delist && answer.Outcome == Platform832Outcome.NotFound))
            {
                // A delist of a product the platform never had leaves nothing on sale: that is what we wanted.
                var state = answer.Data ?? new ProductState { Revision = listing.Revision, Delisted = true };
                record.RevisionAcknowledged = state.Revision;
                record.PlatformProductId = state.PlatformProductId ?? record.PlatformProductId;
                record.Delisted = state.Delisted;
                var audit = SyncScope.ParseAudit(state.AuditStatus);
                if (audit != PlatformAuditStatus.Unknown && (record.AuditRevision is null || state.Revision >= record.AuditRevision))
                {
                    record.AuditStatus = audit;
                    record.AuditRevision = state.Revision;
                    record.RejectReason = state.RejectReason is null ? null : SyncScope.Truncate(state.RejectReason, ListingSyncRecord.ReasonMaxLength);
                }
                Settle(record, ListingSyncState.InStep, error: null, fieldErrors: null);
                record.LastSyncedAtUtc = now;
                done.AddRange(jobs);
                acknowledged++;
            }
            else if (answer.Outcome is Platform832Outcome.ValidationFailed or Platform832Outcome.NotFound)
            {
                // Refused as it stands (or the supplier code is unknown there): retrying the same revision cannot help.
                var fields = answer.Outcome == Platform832Outcome.NotFound ? [new FieldError("supplierCode", "NOT_FOUND")] : answer.FieldErrors;
                Settle(record, ListingSyncState.Refused, answer.Describe(), SyncScope.FormatFieldErrors(fields));
                done.AddRange(jobs);
                refused++;
            }
            else if (answer.Outcome == Platform832Outcome.StaleRevision && record.Attempts + 1 < _options.MaxAttempts)
            {
                // The platform holds a revision at or above ours: raise ours above it and send again (API.md 4.1).
                record.Attempts++;
                record.LastError = SyncScope.Truncate(answer.Describe(), ListingSyncRecord.ErrorMaxLength);
                record.State = ListingSyncState.Pending;
                record.NextAttemptAtUtc = null;
                var above = Math.Max(answer.CurrentRevision ?? listing.Revision, listing.Revision) + 1;
                var raised = await db.Listings
                    .Where(l => l.Id == listing.Id && l.Revision == listing.Revision)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Revision, above), ct);
                if (raised == 1)
                {
                    db.ListingSyncJobs.Add(ListingSyncJob.For(listing.Id, now));
                    done.AddRange(jobs);
                }
                failed++;
            }
            else
            {
                runError = answer.Describe();
                record.Attempts++;
                if (record.Attempts >= _options.MaxAttempts)
                {
                    Settle(record, ListingSyncState.Parked, answer.Describe(), record.FieldErrors);
                    record.Attempts = _options.MaxAttempts;
                    record.ParkedAtUtc = now;
                    done.AddRange(jobs);
                    parked++;
                }
                else
                {
                    record.State = ListingSyncState.Retrying;
                    record.LastError = SyncScope.Truncate(answer.Describe(), ListingSyncRecord.ErrorMaxLength);
                    record.NextAttemptAtUtc = now + Backoff(record.Attempts);
                    failed++;
                }
            }
        }
        await db.SaveChangesAsync(ct);
        if (run.NoLongerWaiting.Count > 0)
            await db.ListingSyncRecords.Where(r => run.NoLongerWaiting.Contains(r.ListingId) && r.State == ListingSyncState.Waiting && r.RevisionSent == null).ExecuteDeleteAsync(ct);
        foreach (var chunk in done.Chunk(500))
        {
            var ids = chunk.ToList();
            await db.ListingSyncJobs.Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.DoneAtUtc, now), ct);
        }
        await Platform832JobStates.RecordRunAsync(db, Platform832JobState.Sync, sent.Count, runError, now, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var result = new RunResult(sent.Count + run.Waiting.Count, requests, acknowledged, refused, failed, parked);
        logger.LogInformation("832 sync: {Listings} listings in {Requests} requests: {Acknowledged} acknowledged, {Refused} refused, {Failed} to retry, {Parked} parked",
            result.Listings, result.Requests, result.Acknowledged, result.Refused, result.Failed, result.Parked);
        return result;
    }

    private static void Settle(ListingSyncRecord record, ListingSyncState state, string? error, string? fieldErrors)
    {
        record.State = state;
        record.WaitReasons = ListingWaitReasons.None;
        record.LastError = error is null ? null : SyncScope.Truncate(error, ListingSyncRecord.ErrorMaxLength);
        record.FieldErrors = fieldErrors;
        record.Attempts = 0;
        record.NextAttemptAtUtc = null;
        record.ParkedAtUtc = null;
    }

    /// <summary>Exponential with jitter: between half and all of base × 2^(n−1), capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(_options.SyncRetryMaxDelay.TotalMilliseconds, _options.SyncRetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempts - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    /// <summary>An admin's retry of a parked (or refused) listing: attempts start again and a sync job is queued.</summary>
    public static async Task<bool> RetryAsync(StorefrontDbContext db, int listingId, DateTime nowUtc, CancellationToken ct = default)
    {
        var record = await db.ListingSyncRecords.FirstOrDefaultAsync(r => r.ListingId == listingId, ct);
        if (record is null) return false;
        record.State = ListingSyncState.Pending;
        record.WaitReasons = ListingWaitReasons.None;
        record.Attempts = 0;
        record.NextAttemptAtUtc = null;
        record.ParkedAtUtc = null;
        db.ListingSyncJobs.Add(ListingSyncJob.For(listingId, nowUtc));
        return true;
    }
}
