using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>
/// /organisation/register: a signed-in person registers their organisation (采购单位) with its first canteen; they
/// become its org admin, and it may order once an admin has verified it.
/// </summary>
[Authorize]
[PersonalPage]
public class RegisterModel(OrganisationRegistration registration, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public OrganisationDetailsInput Details { get; set; } = new();
    [BindProperty] public CanteenInput Canteen { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var (organisation, problems) = await registration.RegisterAsync(Details.ToDetails(), Canteen.ToCanteen(), actor.UserId!, ct);
        if (organisation is null)
        {
            OrganisationDetailsInput.Report(ModelState, nameof(Details), problems, t);
            return Page();
        }
        TempData["Status"] = t["Organisation.Registered", organisation.Name].Value;
        return RedirectToPage("/Organisation/Index", new { organisation = organisation.Id });
    }
}
