using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Pages.Organisation.Agreements;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Agreements;

/// <summary>
/// /supplier/agreements/{id}: one agreement of the supplier, its versions, change requests and deliveries
/// ahead; any member of the supplier asks for a change, decides the organisation's request, withdraws its own, or ends it.
/// </summary>

public class DetailModel(StorefrontDbContext db, AgreementChanges changes, CurrentActor actor, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    [BindProperty] public ChangeForm Change { get; set; } = new();
    [BindProperty] public string? RefusalReason { get; set; }
    [BindProperty] public string? EndReason { get; set; }
    public AgreementView View { get; private set; } = null!;

    private int PartyId => SupplierId;
    private OrderWorkflow.Actor Actor => actor.AsOrderActor();

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct) =>
        await LoadAsync(id, fillForm: true, ct) ? Page() : NotFound();


    public async Task<IActionResult> OnPostRequestChangeAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct)
    {
        var input = Change.ToInput(ModelState, t);
        var problems = input is null ? [] : (await changes.RequestAsync(AgreementSide.Supplier, PartyId, id, input, Actor, ct)).Problems;
        return await AnswerAsync(id, input is not null, problems, "Change.Requested", "Change", ct);
    }


    public async Task<IActionResult> OnPostAcceptAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.AcceptAsync(AgreementSide.Supplier, PartyId, id, requestId, Actor, ct), "Change.AcceptedNow", "", ct);


    public async Task<IActionResult> OnPostRefuseAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.RefuseAsync(AgreementSide.Supplier, PartyId, id, requestId, RefusalReason, Actor, ct), "Change.RefusedNow", "", ct);


    public async Task<IActionResult> OnPostWithdrawAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.WithdrawAsync(AgreementSide.Supplier, PartyId, id, requestId, Actor, ct), "Change.WithdrawnNow", "", ct);


    public async Task<IActionResult> OnPostEndAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.EndAsync(AgreementSide.Supplier, PartyId, id, EndReason, Actor, ct), "Agreement.EndedNow", "", ct);

    /// <summary>Done: back to the agreement with what happened. Refused: the page again, with why, and 422.</summary>
    private async Task<IActionResult> AnswerAsync(long id, bool tried, IReadOnlyList<DemandProblem> problems, string done, string prefix, CancellationToken ct)
    {
        if (tried && problems.Count == 0)
        {
            TempData["Status"] = t[done].Value;
            return Redirect($"/supplier/agreements/{id}{(SupplierRoute is { } s ? "?supplier=" + s : "")}");
        }
        AgreementView.AddTo(ModelState, t, problems, prefix);
        if (!await LoadAsync(id, fillForm: false, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, bool fillForm, CancellationToken ct)
    {
        var view = await AgreementView.LoadAsync(db, AgreementSide.Supplier, PartyId, id, changes.Today, ct);
        if (view is null) return false;
        view.MayAct = true;
        view.SupplierRoute = SupplierRoute;
        view.Change = fillForm ? ChangeForm.Of(view.Agreement) : Change;
        view.RefusalReason = RefusalReason;
        view.EndReason = EndReason;
        View = view;
        return true;
    }
}
