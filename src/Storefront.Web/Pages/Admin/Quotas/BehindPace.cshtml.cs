using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Organisations whose counted amount is below where their quota says they should be today, furthest behind first.</summary>
public class BehindPaceModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public IReadOnlyList<OrganisationStanding> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = (await fulfilment.LoadAsync(SelectedYear, ct)).BehindPace();
        ViewData["QuotaYear"] = SelectedYear;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        QuotaTables.Organisations(t, "quota-behind-pace", (await fulfilment.LoadAsync(SelectedYear, ct)).BehindPace()).ToFile(format, SelectedYear) as IActionResult ?? NotFound();
}
