using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// The base of the supplier portal's pages: the person must be signed in and a member of a supplier, and every page
/// acts for that one supplier only (<see cref="SupplierId"/>), whatever ids a request names. Someone who belongs to no
/// supplier is sent to become one.
/// </summary>
[Authorize]
public abstract class SupplierPageModel : PageModel
{
    public CurrentActor.SupplierSeat Seat { get; private set; } = null!;
    public int SupplierId => Seat.SupplierId;
    /// <summary>The ?supplier= value links must carry when the person belongs to several suppliers; null otherwise.</summary>
    public string? SupplierRoute { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var actor = HttpContext.RequestServices.GetRequiredService<CurrentActor>();
        var seat = await actor.CurrentSupplierAsync(HttpContext.RequestAborted);
        if (seat is null)
        {
            context.Result = RedirectToPage("/Supplier/Join");
            return;
        }
        Seat = seat;
        SupplierRoute = (await actor.GetSeatsAsync(HttpContext.RequestAborted)).Suppliers.Count > 1
            ? seat.SupplierId.ToString(CultureInfo.InvariantCulture)
            : null;
        await next();
    }
}
