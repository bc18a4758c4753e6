using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>/organisation/plans/new: a buyer or the org admin posts a procurement plan for cooperatives to quote on.</summary>
[OrganisationPage(Posters)]
public class NewModel(StorefrontDbContext db, ProcurementPlans plans, CurrentActor actor, IStringLocalizer<SharedResource> t) : PlanFormPageModel(db, t)
{
    public const OrganisationRoles Posters = OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.DeliveryAddressId = await Db.DeliveryAddresses.Where(a => a.OrganisationId == Seat.OrganisationId)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        Input.LatestDeliveryTime = new TimeOnly(10, 0);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadInput() is { } input)
        {
            var (plan, problems) = await plans.PostAsync(Seat.OrganisationId, actor.AsOrderActor(), input, ct);
            if (plan is not null)
            {
                TempData["Status"] = Text[plan.Approval == PlanApproval.AwaitingApproval ? "Plans.PostedForApproval" : "Plans.Posted", plan.Id].Value;
                return Redirect($"/organisation/plans/{plan.Id}");
            }
            PlanText.AddTo(ModelState, Text, "Input", problems);
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
