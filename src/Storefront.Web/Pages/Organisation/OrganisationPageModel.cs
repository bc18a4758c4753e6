using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>
/// The base of pages that act for an organisation: the page declares the roles with [OrganisationPage], and
/// <see cref="TenantFilter"/> settles the seat before any handler runs, so no handler checks it again.
/// </summary>
public abstract class OrganisationPageModel : PageModel
{
    /// <summary>The organisation the person acts for; null only on a page whose seat is optional.</summary>
    public CurrentActor.OrganisationSeat Seat => HttpContext.RequestServices.GetRequiredService<Tenant>().Organisation!;
}
