using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storefront.Core.Data;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// /supplier/documents/{id}: the one way to a supplier's document, for the supplier's members and for admins. Anyone
/// else gets "not found" (TenantFilter), the same answer as for an id that does not exist. Images open in the browser; a PDF is
/// downloaded, never rendered on the shop's origin.
/// </summary>
[Authorize]
[SupplierPage(AdminsToo = true, NotFoundWithoutSeat = true)]
public class DocumentFileModel(StorefrontDbContext db, ISupplierDocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SupplierDocument)] int id, CancellationToken ct)
    {
        var document = await db.SupplierDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return NotFound();

        var stream = await store.OpenReadAsync(document.StoredName, ct);
        if (stream is null) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue(document.ContentType.StartsWith("image/", StringComparison.Ordinal) ? "inline" : "attachment");
        disposition.SetHttpFileName(document.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(stream, document.ContentType);
    }
}
