using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>/organisation/plans: the organisation's procurement plans, newest first, with how many quotes each has.</summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class IndexModel(StorefrontDbContext db, ProcurementPlans plans, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record Row(long Id, string Category, string Description, int Quantity, string Unit, DateOnly Start, DateOnly End, DateOnly ClosesOn, bool Open, int Quotes,
        PlanApproval Approval, bool Closed);

    public IReadOnlyList<Row> Plans { get; private set; } = [];
    public bool MayPost => (Seat.Roles & NewModel.Posters) != 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var english = Cultures.IsEnglish;
        var today = plans.Today;
        Plans = await db.ProcurementPlans.AsNoTracking().Where(p => p.OrganisationId == Seat.OrganisationId)
            .OrderByDescending(p => p.Id).Take(200)
            .Select(p => new Row(p.Id, english ? p.Category.NameEn : p.Category.Name, p.Description, p.QuantityPerDelivery, p.Unit,
                p.StartDate, p.EndDate, p.QuotesCloseOn,
                p.Approval == PlanApproval.Approved && p.ClosedAtUtc == null && p.QuotesCloseOn >= today, p.Quotes.Count, p.Approval, p.ClosedAtUtc != null))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>The organisation's plans as a CSV or XLSX file.</summary>
    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        Agreements.AgreementExport.PlansAsync(db, t, format, Seat.OrganisationId, plans.Today, ct);

    /// <summary>The quotes on the organisation's plans as a CSV or XLSX file.</summary>
    public Task<IActionResult> OnGetQuotesAsync(string? format, CancellationToken ct) =>
        Agreements.AgreementExport.QuotesAsync(db, t, format, AgreementSide.Organisation, Seat.OrganisationId, ct);
}
