using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832;
using Storefront.Platform832.Reconciliation;
using Storefront.Platform832.Status;
using Storefront.Platform832.Sync;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Sync;

/// <summary>
/// The admins' monitor of the 832 sync: backlog and progress, where each supplier's listings stand, errors with the
/// platform's reasons, parked listings to retry, the last run of each job, and reconciliation on demand.
/// </summary>
public class IndexModel(
    StorefrontDbContext db,
    ListingPlatformStatusQuery statuses,
    ListingReconciliation reconciliation,
    AuditLog audit,
    CurrentActor actor,
    IOptions<Platform832Options> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int ProblemRows = 50;
    public static readonly string[] JobNames = [Platform832JobState.Sync, Platform832JobState.Audits, Platform832JobState.Orders, Platform832JobState.Reconciliation, Platform832JobState.ReferenceData];
    /// <summary>The same field refused for the same reason on this many listings is one problem of a class, shown once.</summary>
    public const int ClassSize = 3;

    public sealed record SupplierRow(int Id, string Name, string Code, int Listings, int InStep, int Waiting, int Refused, int Parked, int Rejected);
    public sealed record ProblemRow(int ListingId, string Title, string SupplierName, ListingSyncState State, int Attempts, DateTime? LastAttemptAtUtc);
    public sealed record JobRow(string Name, DateTime? LastSucceededAtUtc, bool Running, DateTime? LastRunAtUtc, int LastRunItems, string? LastError, DateTime? LastErrorAtUtc, DateTime? UpdatedSinceUtc);
    public sealed record RunRow(long Id, ReconciliationRunStatus Status, DateTime RequestedAtUtc, string? RequestedBy, DateTime? FinishedAtUtc,
        int Suppliers, int Products, int Missing, int Extra, int Stale, int Different, int Queued, string? Error);
    /// <summary>One refusal that many listings share: the field, the platform's reason, how many, and a few of them.</summary>
    public sealed record RefusalClass(string Field, string Reason, int Listings, IReadOnlyList<int> Examples);
    /// <summary>Listings waiting for one thing: a shop category to map, or a county the platform does not list.</summary>
    public sealed record WaitingClass(ListingWaitReasons Reason, string Code, string Name, int Listings);
    public sealed record DriftRow(string SupplierCode, string ExternalId, int? ListingId, DriftKind Kind, string Detail, bool Queued);

    public bool Configured => options.Value.IsConfigured;
    public int BacklogJobs { get; private set; }
    public int BacklogListings { get; private set; }
    public int InScope { get; private set; }
    public int InStep { get; private set; }
    public IReadOnlyDictionary<ListingSyncState, int> ByState { get; private set; } = new Dictionary<ListingSyncState, int>();
    public IReadOnlyDictionary<PlatformAuditStatus, int> ByAudit { get; private set; } = new Dictionary<PlatformAuditStatus, int>();
    public IReadOnlyList<SupplierRow> Suppliers { get; private set; } = [];
    public IReadOnlyList<ProblemRow> Problems { get; private set; } = [];
    public IReadOnlyDictionary<int, ListingPlatformStatus> ProblemStatuses { get; private set; } = new Dictionary<int, ListingPlatformStatus>();
    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];
    public RunRow? LastRun { get; private set; }
    public bool ReconciliationWaiting { get; private set; }
    public IReadOnlyList<DriftRow> Drifts { get; private set; } = [];
    public int ParkedCount => ByState.GetValueOrDefault(ListingSyncState.Parked);
    public IReadOnlyList<RefusalClass> RefusalClasses { get; private set; } = [];
    public IReadOnlyList<WaitingClass> WaitingClasses { get; private set; } = [];
    public DateTime? ReferenceReadAtUtc { get; private set; }
    public int PlatformCategories { get; private set; }
    public int PlatformCounties { get; private set; }
    public int UnmappedCategories { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(int listingId, CancellationToken ct)
    {
        if (!await ListingSync.RetryAsync(db, listingId, clock.GetUtcNow().UtcDateTime, ct)) return NotFound();
        audit.Record(actor.UserId, actor.Name, "Platform832.Retry", "Listing", Listing.CodeOf(listingId));
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Sync.Retried", Listing.CodeOf(listingId)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryParkedAsync(CancellationToken ct)
    {
        var parked = await db.ListingSyncRecords.Where(r => r.State == ListingSyncState.Parked).Select(r => r.ListingId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in parked) await ListingSync.RetryAsync(db, id, now, ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.RetryParked", "Platform832", "parked", details: $"{parked.Count} listings");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Sync.RetriedParked", parked.Count].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReconcileAsync(CancellationToken ct)
    {
        if (!Configured)
        {
            // No job would take the request: refused and said, rather than queued to wait forever (and not audited).
            ModelState.AddModelError("", t["Sync.ReconcileRefused"]);
            await LoadAsync(ct);
            return Page();
        }
        var run = await reconciliation.RequestAsync(actor.Name, ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.Reconcile", "Platform832", "reconciliation");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Sync.ReconcileRequested", run.Id].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var pending = db.ListingSyncJobs.Where(j => j.DoneAtUtc == null);
        BacklogJobs = await pending.CountAsync(ct);
        BacklogListings = await pending.Select(j => j.ListingId).Distinct().CountAsync(ct);

        var suppliers = await db.Suppliers.AsNoTracking()
            .Where(s => s.Platform832Code != null)
            .OrderBy(s => s.Name)
            .Select(s => new SupplierRow(s.Id, s.Name, s.Platform832Code!,
                db.Listings.Count(l => l.SupplierId == s.Id && (l.Status == ListingStatus.Published || db.ListingSyncRecords.Any(r => r.ListingId == l.Id))),
                db.ListingSyncRecords.Count(r => r.Listing.SupplierId == s.Id && r.State == ListingSyncState.InStep && r.RevisionAcknowledged == r.Listing.Revision),
                db.Listings.Count(l => l.SupplierId == s.Id && db.ListingSyncJobs.Any(j => j.ListingId == l.Id && j.DoneAtUtc == null)),
                db.ListingSyncRecords.Count(r => r.Listing.SupplierId == s.Id && r.State == ListingSyncState.Refused),
                db.ListingSyncRecords.Count(r => r.Listing.SupplierId == s.Id && r.State == ListingSyncState.Parked),
                db.ListingSyncRecords.Count(r => r.Listing.SupplierId == s.Id && r.AuditStatus == PlatformAuditStatus.Rejected)))
            .ToListAsync(ct);
        Suppliers = suppliers;
        InScope = suppliers.Sum(s => s.Listings);
        InStep = suppliers.Sum(s => s.InStep);

        ByState = await db.ListingSyncRecords.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        ByAudit = await db.ListingSyncRecords.GroupBy(r => r.AuditStatus).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        await LoadClassesAsync(ct);
        // A refusal whose every reason is shared by a class is shown once, with the class, not once a listing.
        var folded = FoldedFieldErrors;
        Problems = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Refused || r.State == ListingSyncState.Parked || r.State == ListingSyncState.Retrying || r.AuditStatus == PlatformAuditStatus.Rejected)
            .Where(r => !(r.State == ListingSyncState.Refused && r.FieldErrors != null && folded.Contains(r.FieldErrors)) || r.AuditStatus == PlatformAuditStatus.Rejected)
            .OrderByDescending(r => r.State == ListingSyncState.Parked).ThenByDescending(r => r.LastAttemptAtUtc)
            .Take(ProblemRows)
            .Select(r => new ProblemRow(r.ListingId, r.Listing.Title, r.Listing.Supplier.Name, r.State, r.Attempts, r.LastAttemptAtUtc))
            .ToListAsync(ct);
        ProblemStatuses = await statuses.ForListingsAsync(Problems.Select(p => p.ListingId).ToList(), ct);

        var leases = await db.JobLeases.AsNoTracking().Where(l => JobNames.Contains(l.Name)).ToDictionaryAsync(l => l.Name, ct);
        var states = await db.Platform832JobStates.AsNoTracking().Where(s => JobNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Jobs = JobNames.Select(name =>
        {
            var lease = leases.GetValueOrDefault(name);
            var state = states.GetValueOrDefault(name);
            return new JobRow(name, lease?.LastSucceededAtUtc, lease is { Holder: not null } && lease.ExpiresAtUtc > now,
                state?.LastRunAtUtc, state?.LastRunItems ?? 0, state?.LastError, state?.LastErrorAtUtc, state?.UpdatedSinceUtc);
        }).ToList();

        ReconciliationWaiting = await db.ReconciliationRuns.AnyAsync(r => r.Status == ReconciliationRunStatus.Requested || r.Status == ReconciliationRunStatus.Running, ct);
        LastRun = await db.ReconciliationRuns.AsNoTracking()
            .Where(r => r.Status == ReconciliationRunStatus.Finished || r.Status == ReconciliationRunStatus.Failed)
            .OrderByDescending(r => r.Id)
            .Select(r => new RunRow(r.Id, r.Status, r.RequestedAtUtc, r.RequestedBy, r.FinishedAtUtc, r.SuppliersChecked, r.ProductsChecked,
                r.Missing, r.Extra, r.Stale, r.Different, r.Queued, r.Error))
            .FirstOrDefaultAsync(ct);
        if (LastRun is not null)
        {
            Drifts = await db.ReconciliationDrifts.AsNoTracking()
                .Where(d => d.RunId == LastRun.Id)
                // What needs a person first (nothing was queued to repair it), then by kind.
                .OrderBy(d => d.Queued).ThenBy(d => d.Kind).ThenBy(d => d.Id)
                .Take(ProblemRows)
                .Select(d => new DriftRow(d.SupplierCode, d.ExternalId, d.ListingId, d.Kind, d.Detail, d.Queued))
                .ToListAsync(ct);
        }
    }

    private List<string> FoldedFieldErrors { get; set; } = [];

    private async Task LoadClassesAsync(CancellationToken ct)
    {
        // Refusals grouped by their stored reasons (few distinct texts however many listings), then split into
        // field-and-reason pairs: a pair on ClassSize listings or more is a class.
        var byErrors = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Refused && r.FieldErrors != null)
            .GroupBy(r => r.FieldErrors!)
            .Select(g => new { Errors = g.Key, Count = g.Count(), Examples = g.OrderBy(r => r.ListingId).Select(r => r.ListingId).Take(3).ToList() })
            .ToListAsync(ct);
        var pairs = byErrors
            .SelectMany(g => SyncScope.ParseFieldErrors(g.Errors).Distinct().Select(f => (Field: f, g.Count, g.Examples)))
            .GroupBy(x => x.Field)
            .Select(x => new RefusalClass(x.Key.Field, x.Key.Reason, x.Sum(y => y.Count), x.SelectMany(y => y.Examples).Order().Take(3).ToList()))
            .Where(c => c.Listings >= ClassSize)
            .OrderByDescending(c => c.Listings).ThenBy(c => c.Field, StringComparer.Ordinal)
            .ToList();
        RefusalClasses = pairs;
        FoldedFieldErrors = byErrors
            .Where(g => SyncScope.ParseFieldErrors(g.Errors).All(f => pairs.Any(c => c.Field == f.Field && c.Reason == f.Reason)))
            .Select(g => g.Errors)
            .ToList();

        var english = Localization.Cultures.IsEnglish;
        var byCategory = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Waiting && (r.WaitReasons & ListingWaitReasons.CategoryUnmapped) != 0)
            .GroupBy(r => new { r.Listing.Category.Code, r.Listing.Category.Name, r.Listing.Category.NameEn })
            .Select(g => new { g.Key.Code, g.Key.Name, g.Key.NameEn, Count = g.Count() })
            .ToListAsync(ct);
        var byCounty = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Waiting && (r.WaitReasons & ListingWaitReasons.CountyNotAccepted) != 0)
            .GroupBy(r => r.Listing.OriginCountyCode)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var countyCodes = byCounty.Select(c => c.Code).ToList();
        var countyNames = await db.Divisions.AsNoTracking().Where(d => countyCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        WaitingClasses =
        [
            .. byCategory.OrderByDescending(c => c.Count).Select(c => new WaitingClass(ListingWaitReasons.CategoryUnmapped, c.Code, english ? c.NameEn : c.Name, c.Count)),
            .. byCounty.OrderByDescending(c => c.Count).Select(c => new WaitingClass(ListingWaitReasons.CountyNotAccepted, c.Code, countyNames.GetValueOrDefault(c.Code, c.Code), c.Count)),
        ];

        ReferenceReadAtUtc = await db.Platform832Categories.MaxAsync(c => (DateTime?)c.ReadAtUtc, ct);
        PlatformCategories = await db.Platform832Categories.CountAsync(ct);
        PlatformCounties = await db.Platform832Counties.CountAsync(ct);
        UnmappedCategories = await db.Categories.CountAsync(c => c.ParentCode != null
            && !db.Platform832CategoryMappings.Any(m => m.CategoryId == c.Id && db.Platform832Categories.Any(p => p.Code == m.PlatformCategoryCode)), ct);
    }
}
