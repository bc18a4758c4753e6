using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Money;
using Storefront.Core.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>What every admin quota page shares: the year it shows (?year=, this Shanghai year by default).</summary>
public abstract class QuotaAdminPage(TimeProvider clock) : PageModel
{
    protected TimeProvider Clock { get; } = clock;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public int CurrentYear => ShanghaiTime.YearOf(Clock.GetUtcNow().UtcDateTime);
    public int SelectedYear => Year is { } y && y >= QuotaRules.FirstYear && y <= CurrentYear + 1 ? y : CurrentYear;
    public IEnumerable<int> Years => Enumerable.Range(QuotaRules.FirstYear, CurrentYear + 2 - QuotaRules.FirstYear).Reverse();
}

public sealed record GroupTableView(string Id, string Caption, string FirstHeader, IReadOnlyList<StandingGroup> Groups, Func<StandingGroup, string?>? Link = null);
public sealed record StandingTableView(string Id, string Caption, IReadOnlyList<OrganisationStanding> Rows, int FirstRank = 1);
public sealed record ExportView(string Table, int Year, string? Region = null);
