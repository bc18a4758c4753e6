using Storefront.Core.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>
/// A print-friendly circular (通报) of the year's fulfilment: totals, by type, by province and prefecture, the
/// ranking with grades, and the organisations behind pace or without a filing. Printing hides the site's chrome.
/// </summary>
public class ReportModel(Fulfilment fulfilment, TimeProvider clock) : QuotaAdminPage(clock)
{
    public Fulfilment.Snapshot Snapshot { get; private set; } = null!;
    public IReadOnlyList<StandingGroup> Types { get; private set; } = [];
    public IReadOnlyList<StandingGroup> Regions { get; private set; } = [];
    public IReadOnlyList<OrganisationStanding> Ranking { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Snapshot = await fulfilment.LoadAsync(SelectedYear, ct);
        Types = Snapshot.ByType();
        // Prefectures of every province: the level a provincial circular reports on.
        Regions = Snapshot.ByRegion(null).SelectMany(p => Snapshot.ByRegion(p.Key).Select(g => g with { Name = $"{p.Name} {g.Name}" })).ToList();
        Ranking = Fulfilment.Rank(Snapshot.Organisations, Fulfilment.RankBy.Completion, descending: true);
        ViewData["QuotaYear"] = SelectedYear;
    }
}
