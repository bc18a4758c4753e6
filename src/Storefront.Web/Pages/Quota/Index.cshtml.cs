using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Quota;

/// <summary>
/// The quota of the organisation a buyer, approver or org admin acts for: the panel and the entries behind it. Only
/// one's own organisations can be chosen (?organisation=), so nobody sees another's figures here.
/// </summary>
[Authorize]
[Performance.SharedWithSignedIn(OwnOrganisation = true)]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class IndexModel(QuotaPanel panels, Core.Demand.SignedAgreements agreements, CurrentActor actor, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : Organisation.OrganisationPageModel
{
    // Once per request: the chart's description asks for all twelve at every month.
    private IReadOnlyList<string>? _monthLabels;

    public IReadOnlyList<string> MonthLabels => _monthLabels ??= Enumerable.Range(1, 12).Select(m => t["Quota.MonthShort", m].Value).ToList();

    /// <summary>The chart's description for screen readers: the year in words, every month's figure.</summary>
    public string Describe() =>
        t["Quota.Year.Describe", YearChart.Year, Core.Money.Fen.Format(Panel.CountedFen), Panel.HasQuota ? Core.Money.Fen.Format(YearChart.ReservedFen) : "—"] + " " +
        string.Join("; ", YearChart.Monthly.Select((v, i) => $"{MonthLabels[i]} {Core.Money.Fen.Format(v)}"));

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public QuotaPanel.Panel Panel { get; private set; } = null!;
    public EntriesView Entries { get; private set; } = null!;
    public QuotaPanel.YearView YearChart { get; private set; } = null!;
    public IReadOnlyList<CurrentActor.OrganisationSeat> Seats { get; private set; } = [];
    public bool IsOrgAdmin { get; private set; }
    /// <summary>What the signed agreements still add by 31 December; null when there is nothing to forecast (no quota, another year).</summary>
    public AgreementsForecast? Agreements { get; private set; }

    public sealed record AgreementsForecast(int Active, long AddsFen, decimal? RateBy31December);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        Seats = (await actor.GetSeatsAsync(ct)).Organisations;
        IsOrgAdmin = seat.Roles.HasFlag(Core.Organisations.OrganisationRoles.OrgAdmin);
        var year = Year is { } y && y >= Core.Quotas.QuotaRules.FirstYear && y <= panels.CurrentYear ? y : panels.CurrentYear;
        Panel = (await panels.LoadAsync(seat.OrganisationId, year, ct))!;
        YearChart = panels.Year(Panel);
        if (Panel.HasQuota && year == panels.CurrentYear)
        {
            // One statement more, only for an organisation with a quota this year: its agreements and their deliveries.
            var remaining = await agreements.ThisYearAsync(Panel.EntriesOf, ct: ct);
            var adds = Core.Demand.SignedAgreements.AddedByOrganisation(remaining).Values.Sum();
            Agreements = new AgreementsForecast(remaining.Count, adds, Core.Quotas.ReservedQuota.Percent(Panel.CountedFen + adds, Panel.ReservedFen));
        }
        var (rows, total) = await panels.EntriesAsync(Panel, Math.Max(1, PageNumber), EntriesView.DefaultPageSize, ct);
        Entries = new EntriesView(rows, total, Math.Max(1, PageNumber), EntriesView.DefaultPageSize,
            p => $"/quota?organisation={seat.OrganisationId}&year={year}&p={p}");
        return Page();
    }
}
