using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Demand;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>
/// Organisations behind pace that have signed no supply agreement still active (nor has any organisation sharing
/// their canteen): those with nothing under way to catch up by, furthest behind first, exported like the other lists.
/// </summary>
public class BehindWithoutAgreementModel(Fulfilment fulfilment, SignedAgreements agreements, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public IReadOnlyList<OrganisationStanding> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await LoadAsync(ct);
        ViewData["QuotaYear"] = SelectedYear;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        QuotaTables.Organisations(t, "quota-behind-no-agreement", await LoadAsync(ct)).ToFile(format, SelectedYear) as IActionResult ?? NotFound();

    private async Task<IReadOnlyList<OrganisationStanding>> LoadAsync(CancellationToken ct) =>
        (await AgreementsPage.OutlookAsync(agreements, await fulfilment.LoadAsync(SelectedYear, ct), forecast: false, ct)).BehindWithoutAgreement;
}

/// <summary>The agreements' outlook over a year's fulfilment, as the dashboard and the list read it.</summary>
public static class AgreementsPage
{
    /// <summary>With <paramref name="forecast"/> (the current year) the agreements' remaining deliveries are read too.</summary>
    public static async Task<AgreementOutlook> OutlookAsync(SignedAgreements agreements, Fulfilment.Snapshot snapshot, bool forecast, CancellationToken ct)
    {
        var remaining = forecast ? await agreements.ThisYearAsync(null, ct: ct) : [];
        return AgreementOutlook.Of(snapshot.Organisations, remaining, await agreements.OrganisationsWithActiveAgreementAsync(ct));
    }
}
