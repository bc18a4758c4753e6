using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Photos;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// /supplier/join: a signed-in person registers a supplier with its licences. The supplier starts pending, with the
/// person as its owner, and waits in the admins' verification queue.
/// </summary>
[Authorize]
[PersonalPage]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class JoinModel(
    StorefrontDbContext db,
    SupplierProfiles profiles,
    SupplierDocuments documents,
    IPhotoProcessor images,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    // Two licences at their limit, and the form around them.
    public const int MaxRequestBytes = (int)(2 * SupplierDocuments.MaxBytes + 1024 * 1024);

    [BindProperty] public SupplierProfileInput Input { get; set; } = new();
    public IReadOnlyList<CountyOption> Counties { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await actor.CurrentSupplierAsync(ct) is not null) return RedirectToPage("/Supplier/Index");
        Counties = await CountyOption.LoadAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? businessLicence, IFormFile? foodLicence, CancellationToken ct)
    {
        if (await actor.CurrentSupplierAsync(ct) is not null) return RedirectToPage("/Supplier/Index");
        var profile = Input.ToProfile();
        SupplierProfileInput.AddProblems(ModelState, await profiles.CheckAsync(profile, existing: null, ct), t);

        var licence = await ReadDocumentAsync(businessLicence, nameof(businessLicence), required: true, ct);
        var food = await ReadDocumentAsync(foodLicence, nameof(foodLicence), required: false, ct);
        if (!ModelState.IsValid)
        {
            // A browser does not send files again: say so when the rest of the form needs correcting.
            if (licence is not null) ModelState.AddModelError(nameof(businessLicence), t["Documents.ChooseAgain"]);
            if (food is not null) ModelState.AddModelError(nameof(foodLicence), t["Documents.ChooseAgain"]);
            Counties = await CountyOption.LoadAsync(db, ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var supplier = new Core.Suppliers.Supplier
        {
            Name = "", CreditCode = "", CountyCode = "",
            Status = VerificationStatus.Pending,
            CreatedAtUtc = now,
        };
        profiles.Apply(supplier, profile);
        supplier.Submit(now);
        supplier.Members.Add(new SupplierMember { UserId = actor.UserId!, IsOwner = true, JoinedAtUtc = now });
        await documents.StoreAsync(supplier, SupplierDocumentKind.BusinessLicence, licence!, actor.UserId, ct);
        if (food is not null) await documents.StoreAsync(supplier, SupplierDocumentKind.FoodProductionLicence, food, actor.UserId, ct);
        db.Suppliers.Add(supplier);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone registered the same credit code a moment ago; the unique key refused the second.
            db.ChangeTracker.Clear();
            if (!await db.Suppliers.AnyAsync(s => s.CreditCode == supplier.CreditCode, ct)) throw;
            ModelState.AddModelError("Input.CreditCode", t["SupplierProblem.CreditCode.Taken"]);
            Counties = await CountyOption.LoadAsync(db, ct);
            return Page();
        }
        audit.Record(actor.UserId, actor.Name, "Supplier.Submit", SupplierVerification.SubjectType, supplier.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Supplier.Joined", supplier.Name].Value;
        return RedirectToPage("/Supplier/Index");
    }

    private async Task<SupplierDocuments.Upload?> ReadDocumentAsync(IFormFile? file, string field, bool required, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            if (required) ModelState.AddModelError(field, t["Documents.Required"]);
            return null;
        }
        await using var stream = file.OpenReadStream();
        var (upload, problem) = await SupplierDocuments.ReadAsync(stream, file.FileName, images, ct);
        if (upload is null) ModelState.AddModelError(field, t[$"Documents.Problem.{problem}"]);
        return upload;
    }
}
