using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Demand;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>
/// Where the money went: the counted amount of the year that reached each designated county and each supplier, beside
/// the registered households suppliers buy from or employ and what active agreements still commit this year. A county
/// or supplier with agreements or households but no paid purchase yet is listed with ¥0.00.
/// </summary>
public class ImpactModel(Fulfilment fulfilment, HouseholdLinkage linkage, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public sealed record Line(Fulfilment.ImpactRow Row, HouseholdLinkage.Linkage? Linkage);

    public IReadOnlyList<Line> Counties { get; private set; } = [];
    public IReadOnlyList<Line> Suppliers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        await LoadAsync(ct);
        var export = table switch
        {
            "counties" => QuotaTables.Impact(t, "quota-impact-counties", t["Quota.Col.County"], t["Quota.Col.Region"], Counties),
            "suppliers" => QuotaTables.Impact(t, "quota-impact-suppliers", t["Quota.Col.Supplier"], t["Quota.Col.County"], Suppliers),
            _ => null,
        };
        return export?.ToFile(format, SelectedYear) as IActionResult ?? NotFound();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var counties = await fulfilment.ByCountyAsync(SelectedYear, ct);
        var suppliers = await fulfilment.BySupplierAsync(SelectedYear, ct);
        var linked = await linkage.LoadAsync(committedThisYear: SelectedYear == CurrentYear, ct);
        Counties = Merge(counties, linked.Counties, n => new Fulfilment.ImpactRow(n.Key, n.Name, n.Detail, 0, 0, n.CountyCode));
        Suppliers = Merge(suppliers, linked.Suppliers, n => new Fulfilment.ImpactRow(n.Key, n.Name, n.Detail, 0, 0, n.CountyCode));
    }

    /// <summary>The paid rows with their linkage, then those with linkage only (committed volume first).</summary>
    private static IReadOnlyList<Line> Merge(IReadOnlyList<Fulfilment.ImpactRow> paid, IReadOnlyList<HouseholdLinkage.Named> linked,
        Func<HouseholdLinkage.Named, Fulfilment.ImpactRow> unpaid)
    {
        var byKey = linked.ToDictionary(n => n.Key);
        var paidKeys = paid.Select(r => r.Key).ToHashSet();
        return [.. paid.Select(r => new Line(r, byKey.GetValueOrDefault(r.Key)?.Linkage)),
            .. linked.Where(n => !paidKeys.Contains(n.Key)).Select(n => new Line(unpaid(n), n.Linkage))];
    }

    public static string Households(int? count) => count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    /// <summary>"2,250 kg；30 袋", or "—" when nothing is committed.</summary>
    public static string Quantities(HouseholdLinkage.Linkage? linkage) =>
        linkage is { CommittedQuantities.Count: > 0 } l
            ? string.Join("；", l.CommittedQuantities.Select(q => $"{DeliveryCalendar.FormatQuantity(q.Quantity)} {q.Unit}"))
            : "—";
}
