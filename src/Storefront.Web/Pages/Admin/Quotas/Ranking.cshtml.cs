using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Organisations with a quota, ranked by completion rate, counted amount or pace, with their grades.</summary>
public class RankingModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : QuotaAdminPage(clock)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Dir { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Fulfilment.RankBy By => Sort switch { "amount" => Fulfilment.RankBy.Amount, "pace" => Fulfilment.RankBy.Pace, _ => Fulfilment.RankBy.Completion };
    public bool Descending => Dir != "asc";
    public IReadOnlyList<OrganisationStanding> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ranked = await RankAsync(ct);
        Total = ranked.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = ranked.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        ViewData["QuotaYear"] = SelectedYear;
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        QuotaTables.Organisations(t, "quota-ranking", await RankAsync(ct)).ToFile(format, SelectedYear) as IActionResult ?? NotFound();

    private async Task<IReadOnlyList<OrganisationStanding>> RankAsync(CancellationToken ct) =>
        Fulfilment.Rank((await fulfilment.LoadAsync(SelectedYear, ct)).Organisations, By, Descending);

    public string SortKey(Fulfilment.RankBy by) => by switch { Fulfilment.RankBy.Amount => "amount", Fulfilment.RankBy.Pace => "pace", _ => "completion" };

    /// <summary>A header link: the same column again flips the order, another column starts from the highest.</summary>
    public string SortLink(Fulfilment.RankBy by) =>
        $"/admin/quotas/ranking?year={SelectedYear}&sort={SortKey(by)}&dir={(by == By && Descending ? "asc" : "desc")}";

    public string? AriaSort(Fulfilment.RankBy by) => by == By ? (Descending ? "descending" : "ascending") : null;
}
