using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>
/// /organisation/plans/{id}: one plan of the organisation and its quotes side by side (price, share of each delivery,
/// the supplier's county and whether it is designated today); a buyer or the org admin may close it for quotes.
/// </summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class DetailModel(StorefrontDbContext db, ProcurementPlans plans, TimeProvider clock, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record QuoteRow(string Supplier, string County, bool Designated, long UnitPriceFen, int Quantity, decimal SharePercent,
        DateOnly FirstDelivery, string? Listing, string Note, int Revision, int PlanRevision, DateTime UpdatedAtUtc);

    public ProcurementPlan Plan { get; private set; } = null!;
    public string Category { get; private set; } = "";
    public string? ProvinceName { get; private set; }
    public bool Open { get; private set; }
    public int DeliveryCount { get; private set; }
    public IReadOnlyList<QuoteRow> Quotes { get; private set; } = [];
    public bool MayClose => (Seat.Roles & NewModel.Posters) != 0 && Plan.ClosedAtUtc is null;

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var plan = await db.ProcurementPlans.AsNoTracking().Include(p => p.Category)
            .SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        Plan = plan;
        Category = Cultures.IsEnglish ? plan.Category.NameEn : plan.Category.Name;
        ProvinceName = plan.ProvinceCode is null ? null : await db.Divisions.Where(d => d.Code == plan.ProvinceCode).Select(d => d.Name).SingleAsync(ct);
        Open = plan.IsOpenOn(plans.Today);
        DeliveryCount = plan.Schedule.DatesIn(plan.StartDate, plan.EndDate).Count();
        var quotes = await db.PlanQuotes.AsNoTracking().Where(q => q.PlanId == id)
            .OrderBy(q => q.UnitPriceFen).ThenBy(q => q.Id)
            .Select(q => new
            {
                Supplier = q.Supplier.Name, County = q.Supplier.County.Name,
                Designated = db.DesignatedCounties.Any(c => c.CountyCode == q.Supplier.CountyCode && c.RemovedAtUtc == null),
                q.UnitPriceFen, q.QuantityPerDelivery, q.FirstDeliveryOn, Listing = q.Listing == null ? null : q.Listing.Title, q.Note, q.Revision, q.PlanRevision, q.UpdatedAtUtc,
            })
            .ToListAsync(ct);
        Quotes = quotes.Select(q => new QuoteRow(q.Supplier, q.County, q.Designated, q.UnitPriceFen, q.QuantityPerDelivery,
            // One rounding rule for shares: tenths of a percent, half away from zero.
            Math.Round(100m * q.QuantityPerDelivery / plan.QuantityPerDelivery, 1, MidpointRounding.AwayFromZero),
            q.FirstDeliveryOn, q.Listing, q.Note, q.Revision, q.PlanRevision, q.UpdatedAtUtc)).ToList();
        return Page();
    }

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostCloseAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var plan = await db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        if (plan.Close(clock.GetUtcNow().UtcDateTime))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the plan meanwhile: show it as it is now rather than overwrite their change.
                TempData["Status"] = t["Plans.ChangedMeanwhile"].Value;
                return Redirect($"/organisation/plans/{id}");
            }
        }
        TempData["Status"] = t["Plans.ClosedNow"].Value;
        return Redirect($"/organisation/plans/{id}");
    }
}
