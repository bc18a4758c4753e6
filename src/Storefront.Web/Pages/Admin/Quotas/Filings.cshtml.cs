using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;
using Storefront.Web.Security;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>
/// The admins' review of canteen filings: approve (the quota is fixed then) or return with a reason; the year's
/// filing deadline; and the bulk import of filings from CSV or XLSX. Every decision is audited.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = TableFiles.MaxUploadBytes)]
public class FilingsModel(
    StorefrontDbContext db,
    CanteenFilings filings,
    FilingImport import,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public sealed record Row(int Id, int OrganisationId, string Organisation, string CreditCode, FilingKind Kind, long? BaseFen, string? Host,
        int? PledgedRatioBasisPoints, FilingStatus Status, string? ReturnReason, int? AppliedRatioBasisPoints, long? ReservedFen, DateTime SubmittedAtUtc, int Version)
    {
        /// <summary>For a filing waiting for review: the quota approval would fix today.</summary>
        public CanteenFilings.Preview? Preview { get; init; }
    }

    [BindProperty(SupportsGet = true)] public FilingStatus? Status { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<FilingStatus, int> Counts { get; private set; } = new Dictionary<FilingStatus, int>();
    public DateOnly? Deadline { get; private set; }
    public IReadOnlyList<FilingImport.Refusal> Refused { get; private set; } = [];

    [BindProperty, Display(Name = "Filing.Deadline")] public DateOnly? DeadlineInput { get; set; }
    [BindProperty, Display(Name = "Filing.ReturnReason"), StringLength(CanteenFilings.ReturnReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        var table = new QuotaTable("quota-filings",
            [t["Quota.Col.Organisation"], t["Quota.Col.CreditCode"], t["Quota.Col.Filing"], t["Quota.Col.BaseYuan"], t["Quota.Col.Host"],
                t["Quota.Col.Pledge"], t["Quota.Col.Status"], t["Quota.Col.Ratio"], t["Quota.Col.ReservedYuan"], t["Filing.ReturnReason"]],
            Rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Organisation, r.CreditCode, t[$"FilingKind.{r.Kind}"].Value, r.BaseFen is { } b ? QuotaTable.Yuan(b) : null, r.Host,
                r.PledgedRatioBasisPoints / 100m, t[$"FilingStatus.{r.Status}"].Value, r.AppliedRatioBasisPoints / 100m,
                r.ReservedFen is { } q ? QuotaTable.Yuan(q) : null, r.ReturnReason,
            ]).ToList());
        return table.ToFile(format, SelectedYear) as IActionResult ?? NotFound();
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, int version, CancellationToken ct)
    {
        var filing = await db.CanteenFilings.Include(f => f.Organisation).SingleOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return NotFound();
        if (filing.Version != version || filing.Status != FilingStatus.Submitted)
            return await StaleAsync(ct);
        await filings.ApproveAsync(filing, actor.UserId, ct);
        audit.Record(actor.UserId, actor.Name, "Quota.Filing.Approve", "CanteenFiling", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{filing.Organisation.Name} {filing.Year}: {filing.Kind}, base {filing.BaseFen}, ratio {filing.AppliedRatioBasisPoints} bp, reserved {filing.ReservedFen} fen");
        if (!await SaveAsync(ct)) return await StaleAsync(ct);
        TempData["Status"] = t["Filing.Approved", filing.Organisation.Name, Core.Money.Fen.Format(filing.ReservedFen ?? 0)].Value;
        return RedirectToPage(new { year = filing.Year, Status });
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, int version, CancellationToken ct)
    {
        var filing = await db.CanteenFilings.Include(f => f.Organisation).SingleOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError($"{nameof(Reason)}-{id}", t["Filing.ReturnReasonRequired"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        if (filing.Version != version || filing.Status == FilingStatus.Returned) return await StaleAsync(ct);
        filings.Return(filing, Reason!, actor.UserId);
        audit.Record(actor.UserId, actor.Name, "Quota.Filing.Return", "CanteenFiling", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reason: filing.ReturnReason, details: $"{filing.Organisation.Name} {filing.Year}");
        if (!await SaveAsync(ct)) return await StaleAsync(ct);
        TempData["Status"] = t["Filing.Returned", filing.Organisation.Name].Value;
        return RedirectToPage(new { year = filing.Year, Status });
    }

    public async Task<IActionResult> OnPostDeadlineAsync(CancellationToken ct)
    {
        var settings = await db.QuotaYears.SingleOrDefaultAsync(y => y.Year == SelectedYear, ct);
        if (settings is null) db.QuotaYears.Add(settings = new QuotaYear { Year = SelectedYear });
        settings.FilingDeadline = DeadlineInput;
        settings.UpdatedAtUtc = Clock.GetUtcNow().UtcDateTime;
        audit.Record(actor.UserId, actor.Name, "Quota.Deadline", "QuotaYear", SelectedYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: DeadlineInput?.ToString("yyyy-MM-dd") ?? "none");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Filing.DeadlineSaved", SelectedYear].Value;
        return RedirectToPage(new { year = SelectedYear });
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) ModelState.AddModelError("file", t["FilingImport.NoFile"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        await using var stream = file!.OpenReadStream();
        var (table, problem) = await TableFiles.ReadAsync(stream, FilingImport.MaxRows, ct);
        if (table is null)
        {
            ModelState.AddModelError("file", t[$"FilingImport.Problem.{problem}"]);
            await LoadAsync(ct);
            return Page();
        }
        var result = await import.ImportAsync(table, SelectedYear, actor.UserId, ct);
        if (result.MissingColumns || result.Refused.Count > 0)
        {
            Refused = result.Refused;
            ModelState.AddModelError("file", result.MissingColumns ? t["FilingImport.MissingColumns"] : t["FilingImport.Refused", result.Refused.Count]);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
        audit.Record(actor.UserId, actor.Name, "Quota.Filing.Import", "CanteenFilings", SelectedYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"{Path.GetFileName(file.FileName)}: {result.Imported} filings imported and approved");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["FilingImport.Imported", result.Imported].Value;
        return RedirectToPage(new { year = SelectedYear });
    }

    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); return true; }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); return false; }
    }

    private async Task<IActionResult> StaleAsync(CancellationToken ct)
    {
        ModelState.AddModelError("", t["Filing.Stale"]);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Deadline = await filings.DeadlineAsync(SelectedYear, ct);
        DeadlineInput ??= Deadline;
        Counts = await db.CanteenFilings.Where(f => f.Year == SelectedYear).GroupBy(f => f.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.CanteenFilings.AsNoTracking().Where(f => f.Year == SelectedYear);
        if (Status is { } status) query = query.Where(f => f.Status == status);
        var rows = await query.OrderBy(f => f.Status).ThenBy(f => f.SubmittedAtUtc)
            .Select(f => new Row(f.Id, f.OrganisationId, f.Organisation.Name, f.Organisation.CreditCode, f.Kind, f.BaseFen, f.SharedWithOrganisation!.Name,
                f.PledgedRatioBasisPoints, f.Status, f.ReturnReason, f.AppliedRatioBasisPoints, f.ReservedFen, f.SubmittedAtUtc, f.Version))
            .Take(500)
            .ToListAsync(ct);
        // What approval would fix, for those waiting.
        var previews = await filings.PreviewManyAsync(SelectedYear,
            rows.Where(r => r.Status == FilingStatus.Submitted).Select(r => (r.OrganisationId, new CanteenFilings.Input(r.Kind, r.BaseFen, null, r.PledgedRatioBasisPoints))).ToList(), ct);
        Rows = rows.Select(r => previews.TryGetValue(r.OrganisationId, out var p) ? r with { Preview = p } : r).ToList();
    }
}
