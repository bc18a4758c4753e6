using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Photos;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>/supplier/documents: the licences the supplier gave for verification; it can add and remove them.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class DocumentsModel(
    StorefrontDbContext db,
    SupplierDocuments documents,
    IPhotoProcessor images,
    ISupplierDocumentStore store,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public const int MaxRequestBytes = (int)(SupplierDocuments.MaxBytes + 1024 * 1024);

    public sealed record DocumentRow(int Id, SupplierDocumentKind Kind, string FileName, string ContentType, long Length, DateTime UploadedAtUtc);

    public IReadOnlyList<DocumentRow> Documents { get; private set; } = [];
    [BindProperty] public SupplierDocumentKind Kind { get; set; } = SupplierDocumentKind.BusinessLicence;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        var count = await db.SupplierDocuments.CountAsync(d => d.SupplierId == SupplierId, ct);
        SupplierDocuments.Upload? upload = null;
        if (!Enum.IsDefined(Kind)) ModelState.AddModelError(nameof(Kind), t["Binding.UnknownInvalid"]);
        if (count >= SupplierDocuments.MaxPerSupplier) ModelState.AddModelError("file", t["Documents.Problem.TooMany", SupplierDocuments.MaxPerSupplier]);
        else if (file is null || file.Length == 0) ModelState.AddModelError("file", t["Documents.Required"]);
        else
        {
            await using var stream = file.OpenReadStream();
            (upload, var problem) = await SupplierDocuments.ReadAsync(stream, file.FileName, images, ct);
            if (upload is null) ModelState.AddModelError("file", t[$"Documents.Problem.{problem}"]);
        }
        if (!ModelState.IsValid || upload is null)
        {
            await LoadAsync(ct);
            return Page();
        }
        var supplier = await db.Suppliers.SingleAsync(s => s.Id == SupplierId, ct);
        await documents.StoreAsync(supplier, Kind, upload, actor.UserId, ct);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Documents.Uploaded", upload.FileName].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    public async Task<IActionResult> OnPostDeleteAsync([TenantId(TenantRecord.SupplierDocument)] int id, CancellationToken ct)
    {
        // Only this supplier's documents are found: another supplier's id is simply not there.
        var document = await db.SupplierDocuments.FirstOrDefaultAsync(d => d.Id == id && d.SupplierId == SupplierId, ct);
        if (document is null) return NotFound();
        db.SupplierDocuments.Remove(document);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(document.StoredName, ct);
        TempData["Status"] = t["Documents.Deleted", document.FileName].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Documents = await db.SupplierDocuments.AsNoTracking()
            .Where(d => d.SupplierId == SupplierId)
            .OrderBy(d => d.Kind).ThenBy(d => d.Id)
            .Select(d => new DocumentRow(d.Id, d.Kind, d.FileName, d.ContentType, d.Length, d.UploadedAtUtc))
            .ToListAsync(ct);
}
