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
public class IndexModel(Fulfilment fulfilment, Core.Demand.SignedAgreements agreements, StorefrontDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public Fulfilment.Snapshot Snapshot { get; private set; } = null!;
    public StandingGroup Total { get; private set; } = null!;
    public IReadOnlyList<StandingGroup> Types { get; private set; } = [];
    public IReadOnlyList<StandingGroup> Regions { get; private set; } = [];
    /// <summary>The organisations of the county chosen, the last step of the drill-down.</summary>
    public IReadOnlyList<OrganisationStanding> CountyOrganisations { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Trail { get; private set; } = [];
    public bool IsCounty { get; private set; }
    /// <summary>What signed agreements add by 31 December (this year only) and who is behind pace without one.</summary>
    public Core.Demand.AgreementOutlook Outlook { get; private set; } = null!;

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
        Snapshot = await fulfilment.LoadAsync(SelectedYear, ct);
        Total = Snapshot.Total;
        Outlook = await AgreementsPage.OutlookAsync(agreements, Snapshot, SelectedYear == CurrentYear, ct);
        Types = Snapshot.ByType().Select(g => g with { Name = t[$"OrgType.{g.Key}"] }).ToList();
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
        if (IsCounty) CountyOrganisations = Fulfilment.Rank(Snapshot.InRegion(Region), Fulfilment.RankBy.Completion, descending: true)
            .Concat(Snapshot.InRegion(Region).Where(o => !o.HasQuota)).ToList();
        else Regions = Snapshot.ByRegion(Region);
        ViewData["QuotaYear"] = SelectedYear;
        return true;
    }

    /// <summary>Whether a region row leads further down: provinces and prefectures do, counties list their organisations.</summary>
    public string RegionLink(StandingGroup g) => $"/admin/quotas?year={SelectedYear}&region={g.Key}";
}
