using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Shared;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>
/// The buyer's changes to one delivery of an agreement, posted from <c>_AgreementDeliveries</c>: a new quantity, or a
/// skip, up to the agreement's notice; the answer (done, or why nothing changed) is shown on the agreement's page.
/// </summary>
[OrganisationPage(OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin)]
public class DeliveriesModel(StandingDeliveries deliveries, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public IActionResult OnGet([TenantId(TenantRecord.SupplyAgreement)] long id) => Redirect(StandingDeliveries.BuyerLink(id));

    public async Task<IActionResult> OnPostChangeAsync([TenantId(TenantRecord.SupplyAgreement)] long id, DateOnly date, long quantity, CancellationToken ct) =>
        Answer(id, date, await deliveries.ChangeQuantityAsync(id, Seat.OrganisationId, date, quantity, Who, ct), "Standing.Changed");

    public async Task<IActionResult> OnPostSkipAsync([TenantId(TenantRecord.SupplyAgreement)] long id, DateOnly date, CancellationToken ct) =>
        Answer(id, date, await deliveries.SkipAsync(id, Seat.OrganisationId, date, Who, ct), "Standing.SkippedNow");

    private OrderWorkflow.Actor Who => actor.AsOrderActor();

    private IActionResult Answer(long id, DateOnly date, StandingDeliveries.Outcome outcome, string done)
    {
        if (outcome == StandingDeliveries.Outcome.NotFound) return NotFound();
        TempData["Status"] = AgreementDeliveriesView.Message(t, outcome, date, done);
        return Redirect(StandingDeliveries.BuyerLink(id));
    }
}
