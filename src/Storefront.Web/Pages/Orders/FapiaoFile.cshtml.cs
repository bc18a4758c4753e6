using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/{id}/fapiao/{fapiaoId}: the file of a fapiao issued for one of the organisation's orders, for its members;
/// anyone else gets "not found" (TenantFilter). Always downloaded, never rendered on the shop's origin.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class FapiaoFileModel(StorefrontDbContext db, ISupplierDocumentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Fapiao)] long fapiaoId, CancellationToken ct)
    {
        var fapiao = await db.IssuedFapiaos.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fapiaoId && f.OrderId == id, ct);
        return fapiao is null ? NotFound() : await FapiaoDownload.ServeAsync(this, store, fapiao, ct);
    }
}

/// <summary>How a fapiao's file is sent, to the buyer and to the supplier alike.</summary>
public static class FapiaoDownload
{
    public static async Task<IActionResult> ServeAsync(PageModel page, ISupplierDocumentStore store, IssuedFapiao fapiao, CancellationToken ct)
    {
        var stream = await store.OpenReadAsync(fapiao.StoredName, ct);
        if (stream is null) return page.NotFound();
        page.Response.Headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fapiao.FileName);
        page.Response.Headers.ContentDisposition = disposition.ToString();
        return page.File(stream, fapiao.ContentType);
    }
}
