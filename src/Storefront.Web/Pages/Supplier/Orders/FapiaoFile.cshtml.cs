using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Suppliers;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Orders;

/// <summary>
/// /supplier/orders/{id}/fapiao/{fapiaoId}: the file of a fapiao the supplier issued, for its members and for admins;
/// anyone else gets "not found" (TenantFilter).
/// </summary>
[Authorize]
[SupplierPage(AdminsToo = true, NotFoundWithoutSeat = true)]
public class FapiaoFileModel(StorefrontDbContext db, ISupplierDocumentStore store, Tenant tenant) : PageModel
{
    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Fapiao)] long fapiaoId, CancellationToken ct)
    {
        // An admin has no supplier seat and sees every supplier's fapiaos; a member only its own supplier's.
        var supplierId = tenant.Supplier?.SupplierId;
        var fapiao = await db.IssuedFapiaos.AsNoTracking()
            .FirstOrDefaultAsync(f => f.Id == fapiaoId && f.OrderId == id && (supplierId == null || f.SupplierId == supplierId), ct);
        return fapiao is null ? NotFound() : await FapiaoDownload.ServeAsync(this, store, fapiao, ct);
    }
}
