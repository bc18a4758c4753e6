using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Bound organisations without an approved canteen filing for the year: none, waiting for review, or returned.</summary>
public class NoFilingModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public IReadOnlyList<OrganisationStanding> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = (await fulfilment.LoadAsync(SelectedYear, ct)).WithoutFiling();
        ViewData["QuotaYear"] = SelectedYear;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        QuotaTables.Organisations(t, "quota-no-filing", (await fulfilment.LoadAsync(SelectedYear, ct)).WithoutFiling()).ToFile(format, SelectedYear) as IActionResult ?? NotFound();
}
