using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Web.Pages.Organisation.Plans;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>
/// /organisation/agreements/{id}: one agreement of the organisation, its versions, change requests and deliveries
/// ahead; a buyer or the org admin asks for a change, decides the supplier's request, withdraws its own, or ends it.
/// </summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class DetailModel(StorefrontDbContext db, AgreementChanges changes, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    [BindProperty] public ChangeForm Change { get; set; } = new();
    [BindProperty] public string? RefusalReason { get; set; }
    [BindProperty] public string? EndReason { get; set; }
    public AgreementView View { get; private set; } = null!;

    private int PartyId => Seat.OrganisationId;
    private OrderWorkflow.Actor Actor => actor.AsOrderActor();

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct) =>
        await LoadAsync(id, fillForm: true, ct) ? Page() : NotFound();

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostRequestChangeAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct)
    {
        var input = Change.ToInput(ModelState, t);
        var problems = input is null ? [] : (await changes.RequestAsync(AgreementSide.Organisation, PartyId, id, input, Actor, ct)).Problems;
        return await AnswerAsync(id, input is not null, problems, "Change.Requested", "Change", ct);
    }

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostAcceptAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.AcceptAsync(AgreementSide.Organisation, PartyId, id, requestId, Actor, ct), "Change.AcceptedNow", "", ct);

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostRefuseAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.RefuseAsync(AgreementSide.Organisation, PartyId, id, requestId, RefusalReason, Actor, ct), "Change.RefusedNow", "", ct);

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostWithdrawAsync([TenantId(TenantRecord.SupplyAgreement)] long id,
        [TenantId(TenantRecord.AgreementChangeRequest)] long requestId, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.WithdrawAsync(AgreementSide.Organisation, PartyId, id, requestId, Actor, ct), "Change.WithdrawnNow", "", ct);

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostEndAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct) =>
        await AnswerAsync(id, true, await changes.EndAsync(AgreementSide.Organisation, PartyId, id, EndReason, Actor, ct), "Agreement.EndedNow", "", ct);

    /// <summary>Done: back to the agreement with what happened. Refused: the page again, with why, and 422.</summary>
    private async Task<IActionResult> AnswerAsync(long id, bool tried, IReadOnlyList<DemandProblem> problems, string done, string prefix, CancellationToken ct)
    {
        if (tried && problems.Count == 0)
        {
            TempData["Status"] = t[done].Value;
            return Redirect($"/organisation/agreements/{id}");
        }
        AgreementView.AddTo(ModelState, t, problems, prefix);
        if (!await LoadAsync(id, fillForm: false, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, bool fillForm, CancellationToken ct)
    {
        var view = await AgreementView.LoadAsync(db, AgreementSide.Organisation, PartyId, id, changes.Today, ct);
        if (view is null) return false;
        view.MayAct = (Seat.Roles & NewModel.Posters) != 0;
        view.Change = fillForm ? ChangeForm.Of(view.Agreement) : Change;
        view.RefusalReason = RefusalReason;
        view.EndReason = EndReason;
        View = view;
        return true;
    }
}
