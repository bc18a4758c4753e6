using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Where the money went: the counted amount of the year that reached each designated county and each supplier.</summary>
public class ImpactModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public IReadOnlyList<Fulfilment.ImpactRow> Counties { get; private set; } = [];
    public IReadOnlyList<Fulfilment.ImpactRow> Suppliers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counties = await fulfilment.ByCountyAsync(SelectedYear, ct);
        Suppliers = await fulfilment.BySupplierAsync(SelectedYear, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        var export = table switch
        {
            "counties" => QuotaTables.Impact(t, "quota-impact-counties", t["Quota.Col.County"], t["Quota.Col.Region"], await fulfilment.ByCountyAsync(SelectedYear, ct)),
            "suppliers" => QuotaTables.Impact(t, "quota-impact-suppliers", t["Quota.Col.Supplier"], t["Quota.Col.County"], await fulfilment.BySupplierAsync(SelectedYear, ct)),
            _ => null,
        };
        return export?.ToFile(format, SelectedYear) as IActionResult ?? NotFound();
    }
}
