using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Pages.Shared;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Agreements;

/// <summary>
/// The supplier's answer to one delivery of an agreement, posted from <c>_AgreementDeliveries</c>: confirmed, or
/// declined with a reason (its order, if made and not yet paid or accepted, is cancelled and its stock returned).
/// </summary>
public class DeliveriesModel(StandingDeliveries deliveries, CurrentActor actor, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public IActionResult OnGet([TenantId(TenantRecord.SupplyAgreement)] long id) => Redirect(StandingDeliveries.SupplierLink(id));

    public async Task<IActionResult> OnPostConfirmAsync([TenantId(TenantRecord.SupplyAgreement)] long id, DateOnly date, CancellationToken ct) =>
        Answer(id, date, await deliveries.ConfirmAsync(id, SupplierId, date, Who, ct), "Standing.ConfirmedNow");

    public async Task<IActionResult> OnPostDeclineAsync([TenantId(TenantRecord.SupplyAgreement)] long id, DateOnly date, string? reason, CancellationToken ct) =>
        Answer(id, date, await deliveries.DeclineAsync(id, SupplierId, date, reason, Who, ct), "Standing.DeclinedNow");

    private OrderWorkflow.Actor Who => actor.AsOrderActor();

    private IActionResult Answer(long id, DateOnly date, StandingDeliveries.Outcome outcome, string done)
    {
        if (outcome == StandingDeliveries.Outcome.NotFound) return NotFound();
        TempData["Status"] = AgreementDeliveriesView.Message(t, outcome, date, done);
        return Redirect(StandingDeliveries.SupplierLink(id));
    }
}
