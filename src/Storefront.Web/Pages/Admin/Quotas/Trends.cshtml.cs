using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Monthly trend charts: the counted amount of every month, the running total and the pace line, for all and per type.</summary>
public class TrendsModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public sealed record Series(string Key, string Name, long[] Monthly, long[] Pace, long ReservedFen);

    public IReadOnlyList<Series> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Charts = await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        var series = (await LoadAsync(ct)).FirstOrDefault(s => s.Key == (table ?? "all"));
        return series is null ? NotFound() : QuotaTables.Monthly(t, $"quota-trend-{series.Key}", series.Monthly, series.Pace).ToFile(format, SelectedYear) as IActionResult ?? NotFound();
    }

    private async Task<IReadOnlyList<Series>> LoadAsync(CancellationToken ct)
    {
        var snapshot = await fulfilment.LoadAsync(SelectedYear, ct);
        var monthly = await fulfilment.MonthlyByTypeAsync(SelectedYear, ct);
        var charts = new List<Series>();
        var total = snapshot.Total;
        charts.Add(new Series("all", t["QuotaAdmin.Trends.All"], Fulfilment.AllTypes(monthly), QuotaTables.PaceByMonthEnd(total.ReservedFen, SelectedYear), total.ReservedFen));
        foreach (var group in snapshot.ByType())
        {
            var type = Enum.Parse<OrganisationType>(group.Key);
            charts.Add(new Series(group.Key.ToLowerInvariant(), t[$"OrgType.{type}"], monthly[type], QuotaTables.PaceByMonthEnd(group.ReservedFen, SelectedYear), group.ReservedFen));
        }
        return charts;
    }

    public IReadOnlyList<string> MonthLabels => Enumerable.Range(1, 12).Select(m => t["Quota.MonthShort", m].Value).ToList();

    /// <summary>The chart's description for screen readers: every month's figure in words.</summary>
    public string Describe(Series s) =>
        t["QuotaAdmin.Trends.Describe", s.Name, SelectedYear, Core.Money.Fen.Format(s.Monthly.Sum()), Core.Money.Fen.Format(s.ReservedFen)] + " " +
        string.Join("; ", s.Monthly.Select((v, i) => $"{MonthLabels[i]} {Core.Money.Fen.Format(v)}"));
}
