using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>A page that lists some organisations of the year's fulfilment (behind pace, no filing), with its export.</summary>
public abstract class StandingListPage(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    protected abstract string ExportName { get; }
    protected abstract IReadOnlyList<OrganisationStanding> Select(Fulfilment.Snapshot snapshot);

    public IReadOnlyList<OrganisationStanding> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = Select(await fulfilment.LoadAsync(SelectedYear, ct));
        ViewData["QuotaYear"] = SelectedYear;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        QuotaTables.Organisations(t, ExportName, Select(await fulfilment.LoadAsync(SelectedYear, ct))).ToFile(format, SelectedYear) as IActionResult ?? NotFound();
}
