using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// The base of the supplier portal's pages: the person must be signed in and a member of a supplier, and every page
/// acts for that one supplier only (<see cref="SupplierId"/>), whatever ids a request names; <see cref="TenantFilter"/>
/// settles it before any handler runs. Someone who belongs to no supplier is sent to become one.
/// </summary>
[SupplierPage]
public abstract class SupplierPageModel : PageModel
{
    private Tenant Tenant => HttpContext.RequestServices.GetRequiredService<Tenant>();

    public CurrentActor.SupplierSeat Seat => Tenant.Supplier!;
    public int SupplierId => Seat.SupplierId;

    /// <summary>The ?supplier= value links must carry when the person belongs to several suppliers; null otherwise.</summary>
    public string? SupplierRoute => Tenant.SeveralSuppliers ? SupplierId.ToString(CultureInfo.InvariantCulture) : null;
}
