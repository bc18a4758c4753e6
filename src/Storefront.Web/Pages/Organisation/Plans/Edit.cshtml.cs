using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>
/// /organisation/plans/{id}/edit: a buyer or the org admin changes an open plan's terms. Each change raises the plan's
/// revision; a form filled from an earlier revision is refused rather than overwrite what someone else changed.
/// </summary>
[OrganisationPage(NewModel.Posters)]
public class EditModel(StorefrontDbContext db, ProcurementPlans plans, CurrentActor actor, IStringLocalizer<SharedResource> t) : PlanFormPageModel(db, t)
{
    public long PlanId { get; private set; }

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var plan = await Db.ProcurementPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        PlanId = id;
        var schedule = plan.Schedule;
        Input = new PlanForm
        {
            CategoryId = plan.CategoryId, Description = plan.Description, Spec = plan.Spec, QuantityPerDelivery = plan.QuantityPerDelivery,
            Unit = plan.Unit, Frequency = plan.Frequency, Weekdays = [.. schedule.Weekdays],
            IntervalDays = plan.IntervalDays == 0 ? null : plan.IntervalDays, DayOfMonth = plan.DayOfMonth == 0 ? null : plan.DayOfMonth,
            StartDate = plan.StartDate, EndDate = plan.EndDate, QuotesCloseOn = plan.QuotesCloseOn, DeliveryAddressId = plan.DeliveryAddressId,
            LatestDeliveryTime = plan.LatestDeliveryTime, PriceCeiling = plan.PriceCeilingFen is { } c ? Fen.ToYuanText(c) : null,
            ProvinceCode = plan.ProvinceCode, PairedCountiesOnly = plan.PairedCountiesOnly, Revision = plan.Revision,
        };
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var plan = await Db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        PlanId = id;
        if (ReadInput() is { } input)
        {
            var wasWaiting = plan.Approval == PlanApproval.AwaitingApproval;
            var problems = await plans.ReviseAsync(plan, Input.Revision, input, actor.AsOrderActor(), ct);
            if (problems.Count == 0)
            {
                TempData["Status"] = Text[plan.Approval == PlanApproval.AwaitingApproval && !wasWaiting ? "Plans.ChangedForApproval" : "Plans.Changed", plan.Revision].Value;
                return Redirect($"/organisation/plans/{id}");
            }
            PlanText.AddTo(ModelState, Text, "Input", problems);
        }
        await LoadChoicesAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
