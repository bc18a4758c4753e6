using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>
/// The fulfilment dashboard of a year: the totals, by organisation type, and by region with a drill-down from
/// provinces to prefectures, counties and finally the organisations of a county.
/// </summary>
/// <remarks>
/// The figures come from <see cref="Fulfilment.SummaryAsync"/>: one statement gives each organisation as a few numbers
/// (its year read from the yearly totals kept beside the ledger), added up as they are read and not kept, so that the
/// page costs little with thousands of them. Only a county's own organisations are read whole, for its list.
/// </remarks>
public class IndexModel(Fulfilment fulfilment, Core.Demand.SignedAgreements agreements, StorefrontDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public Fulfilment.Summary Summary { get; private set; } = null!;
    public StandingGroup Total { get; private set; } = null!;
    public IReadOnlyList<StandingGroup> Types { get; private set; } = [];
    public IReadOnlyList<StandingGroup> Regions { get; private set; } = [];
    /// <summary>The organisations of the county chosen, the last step of the drill-down.</summary>
    public IReadOnlyList<OrganisationStanding> CountyOrganisations { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Trail { get; private set; } = [];
    public bool IsCounty { get; private set; }
    /// <summary>What signed agreements add by 31 December to the organisations with a quota (this year only).</summary>
    public long AgreementsAddFen { get; private set; }
    /// <summary>The completion rate those additions would make by 31 December (this year only).</summary>
    public decimal? RateBy31December { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var export = table switch
        {
            "types" => QuotaTables.Groups(t, "quota-types", t["Quota.Col.Type"], Types),
            "regions" when !IsCounty => QuotaTables.Groups(t, "quota-regions", t["Quota.Col.Region"], Regions),
            "organisations" when IsCounty => QuotaTables.Organisations(t, "quota-county", CountyOrganisations),
            _ => null,
        };
        return export?.ToFile(format, SelectedYear) as IActionResult ?? NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Region is { Length: > 0 } && !Core.Regions.AdministrativeDivision.IsWellFormedCode(Region)) return false;
        Summary = await fulfilment.SummaryAsync(SelectedYear, Region, ct);
        Total = Summary.Total;
        if (SelectedYear == CurrentYear)
        {
            var remaining = await agreements.ThisYearAsync(null, ct: ct);
            AgreementsAddFen = await fulfilment.AddedToQuotasAsync(SelectedYear, Core.Demand.SignedAgreements.AddedByOrganisation(remaining), ct);
            RateBy31December = ReservedQuota.Percent(Total.CountedFen + AgreementsAddFen, Total.ReservedFen);
        }
        Types = Summary.ByType.Select(g => g with { Name = t[$"OrgType.{g.Key}"] }).ToList();
        if (Region is { Length: > 0 } code)
        {
            var division = await db.Divisions.AsNoTracking().Where(d => d.Code == code)
                .Select(d => new { d.Code, d.Name, d.Level, d.ProvinceCode, d.ProvinceName, d.PrefectureCode, d.PrefectureName })
                .SingleOrDefaultAsync(ct);
            if (division is null) return false;
            var trail = new List<(string, string)>();
            if (division.Level != Core.Regions.DivisionLevel.Province) trail.Add((division.ProvinceCode, division.ProvinceName));
            if (division.Level == Core.Regions.DivisionLevel.County && division.PrefectureCode is { } p) trail.Add((p, division.PrefectureName ?? p));
            trail.Add((division.Code, division.Name));
            Trail = trail;
            IsCounty = division.Level == Core.Regions.DivisionLevel.County;
        }
        if (IsCounty)
        {
            var county = await fulfilment.InCountyAsync(SelectedYear, Region!, ct);
            CountyOrganisations = Fulfilment.Rank(county, Fulfilment.RankBy.Completion, descending: true).Concat(county.Where(o => !o.HasQuota)).ToList();
        }
        else Regions = Summary.ByRegion;
        ViewData["QuotaYear"] = SelectedYear;
        return true;
    }

    /// <summary>Whether a region row leads further down: provinces and prefectures do, counties list their organisations.</summary>
    public string RegionLink(StandingGroup g) => $"/admin/quotas?year={SelectedYear}&region={g.Key}";
}
