using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Reconciliation;

/// <summary>
/// Compares our listings with the platform's products, supplier by supplier (4.4), and repairs drift by queuing sync
/// jobs: missing and stale products are sent again, products we no longer offer are delisted. What it sees overrides
/// the sync record: a product on sale there that the record says was delisted is marked on sale, so the sync sends
/// the delist again instead of trusting its record. Listings already in the outbox are in flight, not drifting;
/// parked, refused and waiting ones wait for a person and are only reported. Products the platform holds under an
/// externalId we do not know are reported.
/// </summary>
public sealed class ListingReconciliation(
    StorefrontDbContext db,
    Platform832Client client,
    IOptions<Platform832Options> options,
    TimeProvider clock,
    ILogger<ListingReconciliation> logger)
{
    /// <summary>Drift rows stored per run; the counts cover all of them.</summary>
    public const int MaxStoredDrifts = 1000;

    /// <summary>Asks for a run (the admins' button); one request waiting is enough.</summary>
    public async Task<ReconciliationRun> RequestAsync(string? requestedBy, CancellationToken ct = default)
    {
        var waiting = await db.ReconciliationRuns.FirstOrDefaultAsync(r => r.Status == ReconciliationRunStatus.Requested, ct);
        if (waiting is not null) return waiting;
        var run = new ReconciliationRun { Status = ReconciliationRunStatus.Requested, RequestedAtUtc = clock.GetUtcNow().UtcDateTime, RequestedBy = requestedBy };
        db.ReconciliationRuns.Add(run);
        return run;
    }

    /// <summary>Runs a requested reconciliation, or a scheduled one when the last is older than the schedule; null when none is due.</summary>
    public async Task<ReconciliationRun?> RunDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Whoever holds the job's lease is the only runner: a run still marked running was cut short.
        await db.ReconciliationRuns.Where(r => r.Status == ReconciliationRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReconciliationRunStatus.Failed).SetProperty(r => r.Error, "interrupted"), ct);
        var run = await db.ReconciliationRuns.Where(r => r.Status == ReconciliationRunStatus.Requested).OrderBy(r => r.RequestedAtUtc).FirstOrDefaultAsync(ct);
        if (run is null)
        {
            var last = await db.ReconciliationRuns.Where(r => r.Status == ReconciliationRunStatus.Finished).MaxAsync(r => (DateTime?)r.RequestedAtUtc, ct);
            if (last is { } at && now - at < options.Value.ReconciliationSchedule) return null;
            run = await RequestAsync(null, ct);
        }
        await RunAsync(run, ct);
        return run;
    }

    public async Task RunAsync(ReconciliationRun run, CancellationToken ct = default)
    {
        run.Status = ReconciliationRunStatus.Running;
        run.StartedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        try
        {
            var suppliers = await db.Suppliers.AsNoTracking()
                .Where(s => s.Platform832Code != null)
                .OrderBy(s => s.Id)
                .Select(s => new { s.Id, Code = s.Platform832Code!, s.Status })
                .ToListAsync(ct);
            foreach (var supplier in suppliers)
            {
                var products = await ReadProductsAsync(supplier.Code, ct);
                if (products is null)
                {
                    run.Status = ReconciliationRunStatus.Failed;
                    break;
                }
                run.SuppliersChecked++;
                run.ProductsChecked += products.Count;
                var onSaleThere = Compare(run, supplier.Code, supplier.Status, products, await OursAsync(supplier.Id, ct));
                foreach (var chunk in onSaleThere.Chunk(500))
                {
                    var ids = chunk.ToList();
                    await db.ListingSyncRecords.Where(r => ids.Contains(r.ListingId))
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Delisted, false).SetProperty(r => r.State, ListingSyncState.Pending)
                            .SetProperty(r => r.WaitReasons, ListingWaitReasons.None), ct);
                }
            }
            if (run.Status == ReconciliationRunStatus.Running) run.Status = ReconciliationRunStatus.Finished;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Status = ReconciliationRunStatus.Failed;
            run.Error = SyncScope.Truncate(e.Message, ListingSyncRecord.ErrorMaxLength);
        }
        run.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("832 reconciliation {Run}: {Status}, {Suppliers} suppliers, {Products} products, {Drift} drifting, {Queued} queued",
            run.Id, run.Status, run.SuppliersChecked, run.ProductsChecked, run.DriftCount, run.Queued);
    }

    private sealed record Ours(int Id, int Revision, ListingStatus Status, long PriceFen, int Stock, bool InFlight, ListingSyncState? State, int? RevisionSent, ListingWaitReasons WaitReasons);

    private Task<List<Ours>> OursAsync(int supplierId, CancellationToken ct) =>
        db.Listings.AsNoTracking()
            .Where(l => l.SupplierId == supplierId)
            .Select(l => new Ours(l.Id, l.Revision, l.Status, l.BasePriceFen, l.Stock,
                db.ListingSyncJobs.Any(j => j.ListingId == l.Id && j.DoneAtUtc == null),
                db.ListingSyncRecords.Where(r => r.ListingId == l.Id).Select(r => (ListingSyncState?)r.State).FirstOrDefault(),
                db.ListingSyncRecords.Where(r => r.ListingId == l.Id).Select(r => r.RevisionSent).FirstOrDefault(),
                db.ListingSyncRecords.Where(r => r.ListingId == l.Id).Select(r => r.WaitReasons).FirstOrDefault()))
            .ToListAsync(ct);

    private async Task<Dictionary<string, PlatformProduct>?> ReadProductsAsync(string supplierCode, CancellationToken ct)
    {
        var products = new Dictionary<string, PlatformProduct>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await client.ListProductsAsync(supplierCode, cursor, options.Value.PageSize, ct);
            if (page.Outcome == Platform832Outcome.NotFound) return products; // a supplier the platform does not know holds nothing there
            if (!page.IsSuccess)
            {
                logger.LogWarning("832 reconciliation: products of {Supplier} could not be read: {Result}", supplierCode, page.Describe());
                return null;
            }
            foreach (var product in page.Value.Items) products[product.ExternalId] = product;
            cursor = page.Value.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
        return products;
    }

    /// <summary>Records the drift and queues its repairs; returns the listings we do not offer that are on sale there.</summary>
    private List<int> Compare(ReconciliationRun run, string supplierCode, Core.Organisations.VerificationStatus supplierStatus,
        Dictionary<string, PlatformProduct> products, List<Ours> ours)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var onSaleThere = new List<int>();
        foreach (var listing in ours)
        {
            var externalId = Listing.CodeOf(listing.Id);
            products.Remove(externalId, out var product);
            if (listing.InFlight) continue;
            var offered = SyncScope.IsOffered(listing.Status, supplierStatus);
            (DriftKind Kind, string Detail)? drift = offered switch
            {
                true when product is null => (DriftKind.Missing, "not on the platform"),
                true when product.Delisted => (DriftKind.Missing, $"delisted there at revision {product.Revision}"),
                true when product.Revision != listing.Revision => (DriftKind.StaleRevision, $"platform revision {product.Revision}, ours {listing.Revision}"),
                true when product.PriceFen != listing.PriceFen || product.Stock != listing.Stock =>
                    (DriftKind.DifferentContent, $"platform price {product.PriceFen} stock {product.Stock}, ours {listing.PriceFen} {listing.Stock}"),
                false when product is { Delisted: false } => (DriftKind.Extra, $"on sale there at revision {product.Revision}, {listing.Status} here"),
                _ => null,
            };
            if (drift is not { } found) continue;
            // A listing waiting for a person is reported, not sent again and again.
            var waitsForPerson = (listing.State is ListingSyncState.Parked or ListingSyncState.Refused && listing.RevisionSent == listing.Revision)
                || (offered && listing.State == ListingSyncState.Waiting);
            if (!waitsForPerson)
            {
                db.ListingSyncJobs.Add(ListingSyncJob.For(listing.Id, now));
                run.Queued++;
                if (found.Kind == DriftKind.Extra) onSaleThere.Add(listing.Id);
            }
            var detail = listing.State == ListingSyncState.Waiting && offered ? $"{found.Detail}; waiting: {listing.WaitReasons}" : found.Detail;
            AddDrift(run, supplierCode, externalId, listing.Id, found.Kind, detail, queued: !waitsForPerson);
        }
        foreach (var product in products.Values.Where(p => !p.Delisted))
            AddDrift(run, supplierCode, product.ExternalId, null, DriftKind.Extra, $"unknown here, on sale there at revision {product.Revision}", queued: false);
        return onSaleThere;
    }

    private static void AddDrift(ReconciliationRun run, string supplierCode, string externalId, int? listingId, DriftKind kind, string detail, bool queued)
    {
        switch (kind)
        {
            case DriftKind.Missing: run.Missing++; break;
            case DriftKind.Extra: run.Extra++; break;
            case DriftKind.StaleRevision: run.Stale++; break;
            case DriftKind.DifferentContent: run.Different++; break;
        }
        if (run.Drifts.Count >= MaxStoredDrifts) return;
        run.Drifts.Add(new ReconciliationDrift
        {
            SupplierCode = supplierCode,
            ExternalId = SyncScope.Truncate(externalId, 64),
            ListingId = listingId,
            Kind = kind,
            Detail = SyncScope.Truncate(detail, ReconciliationDrift.DetailMaxLength),
            Queued = queued,
        });
    }
}
