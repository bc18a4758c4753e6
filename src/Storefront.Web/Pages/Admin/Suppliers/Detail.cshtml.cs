using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;
using Storefront.Web.Pages.Supplier;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Suppliers;

/// <summary>
/// /admin/suppliers/{id}: one supplier with its documents, members and history. An admin approves, rejects with a
/// reason the supplier sees, suspends (its listings leave the catalog at once), reinstates, and records the 832 code.
/// Every decision is written to the audit log.
/// </summary>
public class DetailModel(
    StorefrontDbContext db,
    SupplierVerification verification,
    BankAccounts bankAccounts,
    AuditLog audit,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record MemberRow(string DisplayName, string Email, bool IsOwner);
    public sealed record HistoryRow(DateTime AtUtc, string ActorName, string Action, string? Reason, string? Details);

    public Core.Suppliers.Supplier Supplier { get; private set; } = null!;
    public string CountyName { get; private set; } = "";
    public IReadOnlyList<DocumentTableRow> Documents { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];
    public int Listings { get; private set; }
    public string? RevealedBankAccount { get; private set; }

    [BindProperty]
    [StringLength(Core.Suppliers.Supplier.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }

    [BindProperty]
    [Display(Name = "Field.Platform832Code")]
    public string? Platform832Code { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Platform832Code = Supplier.Platform832Code;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) => DecideAsync(id, SupplierVerification.Decision.Approve, ct);
    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) => DecideAsync(id, SupplierVerification.Decision.Reject, ct);
    public Task<IActionResult> OnPostSuspendAsync(int id, CancellationToken ct) => DecideAsync(id, SupplierVerification.Decision.Suspend, ct);
    public Task<IActionResult> OnPostReinstateAsync(int id, CancellationToken ct) => DecideAsync(id, SupplierVerification.Decision.Reinstate, ct);

    private async Task<IActionResult> DecideAsync(int id, SupplierVerification.Decision decision, CancellationToken ct)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null) return NotFound();
        if (SupplierVerification.NeedsReason(decision) && string.IsNullOrWhiteSpace(Reason))
            ModelState.AddModelError(nameof(Reason), t["AdminSuppliers.ReasonRequired"]);
        if (ModelState.IsValid && !await verification.DecideAsync(supplier, decision, Reason, actor.UserId, actor.Name, ct))
            ModelState.AddModelError(string.Empty, t["AdminSuppliers.NotInThatState", t[$"VerificationStatus.{supplier.Status}"]]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t[$"AdminSuppliers.Done.{decision}", supplier.Name].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCodeAsync(int id, CancellationToken ct)
    {
        var supplier = await db.Suppliers.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null) return NotFound();
        var problem = await verification.SetPlatform832CodeAsync(supplier, Platform832Code, actor.UserId, actor.Name, ct);
        if (problem != SupplierVerification.CodeProblem.None)
        {
            ModelState.AddModelError(nameof(Platform832Code), t[$"AdminSuppliers.Code.{problem}"]);
            await LoadAsync(id, ct);
            return Page();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Recorded against another supplier a moment ago: the unique key keeps one supplier per code.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(Platform832Code), t["AdminSuppliers.Code.Taken"]);
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Status"] = t["AdminSuppliers.CodeSaved"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Shows the settlement account in clear, once, for the admin who asks; the request is audited.</summary>
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        RevealedBankAccount = bankAccounts.Reveal(Supplier) ?? t["AdminSuppliers.BankAccountUnreadable"];
        audit.Record(actor.UserId, actor.Name, "Supplier.RevealBankAccount", SupplierVerification.SubjectType, id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        Platform832Code = Supplier.Platform832Code;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var supplier = await db.Suppliers.AsNoTracking().Include(s => s.County).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (supplier is null) return false;
        Supplier = supplier;
        CountyName = supplier.County.FullName;
        Documents = await db.SupplierDocuments.AsNoTracking().Where(d => d.SupplierId == id).OrderBy(d => d.Kind).ThenBy(d => d.Id)
            .Select(d => new DocumentTableRow(d.Id, d.Kind, d.FileName, d.Length, d.UploadedAtUtc)).ToListAsync(ct);
        Members = await db.SupplierMembers.AsNoTracking().Where(m => m.SupplierId == id).OrderByDescending(m => m.IsOwner)
            .Select(m => new MemberRow(m.User.DisplayName, m.User.Email ?? "", m.IsOwner)).ToListAsync(ct);
        var subject = id.ToString(CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == SupplierVerification.SubjectType && a.SubjectId == subject)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new HistoryRow(a.AtUtc, a.ActorName, a.Action, a.Reason, a.Details))
            .ToListAsync(ct);
        Listings = await db.Listings.CountAsync(l => l.SupplierId == id && l.Status == Core.Catalog.ListingStatus.Published, ct);
        return true;
    }

    public bool Can(SupplierVerification.Decision decision) => decision switch
    {
        SupplierVerification.Decision.Approve or SupplierVerification.Decision.Reject => Supplier.Status == VerificationStatus.Pending,
        SupplierVerification.Decision.Suspend => Supplier.Status == VerificationStatus.Verified,
        _ => Supplier.Status == VerificationStatus.Suspended,
    };
}
