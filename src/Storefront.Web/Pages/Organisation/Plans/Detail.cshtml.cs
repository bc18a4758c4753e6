using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>
/// /organisation/plans/{id}: one plan of the organisation and its quotes side by side (price, share of each delivery,
/// the supplier's county and whether it is designated today, its province, its price tiers and its fulfilment record);
/// a buyer or the org admin may close it for quotes. A plan waiting for approval or rejected says so. Below, its history:
/// every revision, who made it when, and what it changed.
/// </summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class DetailModel(StorefrontDbContext db, ProcurementPlans plans, PlanAwards awards, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    /// <summary>The award form: a quantity per delivery for each quote (by its id; empty or 0 awards nothing to it), and the terms of change.</summary>
    public sealed class AwardForm
    {
        public Dictionary<long, long?> Quantities { get; set; } = [];
        /// <summary>Each quote's revision as the page showed it.</summary>
        public Dictionary<long, int> Seen { get; set; } = [];

        [Range(0, SupplyAgreement.MaxChangeNoticeDays, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.ChangeNoticeDays")]
        public int ChangeNoticeDays { get; set; } = 2;

        [StringLength(SupplyAgreement.PriceReviewMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PriceReview")]
        public string? PriceReview { get; set; }
    }

    public sealed record AgreementRow(long Id, string Supplier, int Quantity, long UnitPriceFen, AgreementStatus Status);

    [BindProperty] public AwardForm Award { get; set; } = new();
    public IReadOnlyList<AgreementRow> Agreements { get; private set; } = [];
    /// <summary>Quantity per delivery not yet awarded.</summary>
    public int Unawarded => Plan.QuantityPerDelivery - Plan.AwardedQuantityPerDelivery;
    public bool MayAward => (Seat.Roles & NewModel.Posters) != 0 && Unawarded > 0 && Quotes.Any(q => q.Status == QuoteStatus.Open);
    /// <summary>Finishing is open while the plan takes quotes or has quotes not decided on.</summary>
    public bool MayFinish => (Seat.Roles & NewModel.Posters) != 0 && (Plan.ClosedAtUtc is null || Quotes.Any(q => q.Status == QuoteStatus.Open));

    public sealed record QuoteRow(string Supplier, string County, bool Designated, long UnitPriceFen, int Quantity, decimal SharePercent,
        DateOnly FirstDelivery, string? Listing, string Note, int Revision, int PlanRevision, DateTime UpdatedAtUtc,
        string Province, IReadOnlyList<PriceTier> Tiers, FulfilmentRecord Record, long Id, QuoteStatus Status);

    public ProcurementPlan Plan { get; private set; } = null!;
    public string Category { get; private set; } = "";
    public string? ProvinceName { get; private set; }
    public bool Open { get; private set; }
    public int DeliveryCount { get; private set; }
    public IReadOnlyList<QuoteRow> Quotes { get; private set; } = [];
    public IReadOnlyList<PlanHistoryRow> History { get; private set; } = [];
    public bool MayClose => (Seat.Roles & NewModel.Posters) != 0 && Plan.ClosedAtUtc is null && Plan.Approval != PlanApproval.Rejected;
    public bool MayChange => MayClose && Plan.MayChangeOn(plans.Today);

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var plan = await db.ProcurementPlans.AsNoTracking().Include(p => p.Category)
            .SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return false;
        Plan = plan;
        Category = Cultures.IsEnglish ? plan.Category.NameEn : plan.Category.Name;
        ProvinceName = plan.ProvinceCode is null ? null : await db.Divisions.Where(d => d.Code == plan.ProvinceCode).Select(d => d.Name).SingleAsync(ct);
        Open = plan.IsOpenOn(plans.Today);
        DeliveryCount = plan.Schedule.DatesIn(plan.StartDate, plan.EndDate).Count();
        var quotes = await db.PlanQuotes.AsNoTracking().Where(q => q.PlanId == id)
            .OrderBy(q => q.UnitPriceFen).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.SupplierId, Supplier = q.Supplier.Name, County = q.Supplier.County.Name, Province = q.Supplier.County.ProvinceName,
                Tiers = q.Tiers.OrderBy(x => x.MinQuantity).Select(x => new PriceTier(x.MinQuantity, x.UnitPriceFen)).ToList(),
                Designated = db.DesignatedCounties.Any(c => c.CountyCode == q.Supplier.CountyCode && c.RemovedAtUtc == null),
                q.UnitPriceFen, q.QuantityPerDelivery, q.FirstDeliveryOn, Listing = q.Listing == null ? null : q.Listing.Title, q.Note, q.Revision, q.PlanRevision, q.UpdatedAtUtc, q.Id, q.Status,
            })
            .ToListAsync(ct);
        var records = await FulfilmentRecord.ForSuppliersAsync(db, quotes.Select(q => q.SupplierId).ToList(), ct);
        Quotes = quotes.Select(q => new QuoteRow(q.Supplier, q.County, q.Designated, q.UnitPriceFen, q.QuantityPerDelivery,
            // One rounding rule for shares: tenths of a percent, half away from zero.
            Math.Round(100m * q.QuantityPerDelivery / plan.QuantityPerDelivery, 1, MidpointRounding.AwayFromZero),
            q.FirstDeliveryOn, q.Listing, q.Note, q.Revision, q.PlanRevision, q.UpdatedAtUtc, q.Province, q.Tiers, records[q.SupplierId], q.Id, q.Status)).ToList();
        History = await new PlanHistory(db, t).OfAsync(id, ct);
        Agreements = await db.SupplyAgreements.AsNoTracking().Where(a => a.PlanId == id).OrderBy(a => a.Id)
            .Select(a => new AgreementRow(a.Id, a.Supplier.Name, a.QuantityPerDelivery, a.UnitPriceFen, a.Status)).ToListAsync(ct);
        return true;
    }

    /// <summary>Awards the quantities typed to their quotes: one agreement each, all or none.</summary>
    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostAwardAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var lines = Award.Quantities.Where(q => q.Value is not null).Select(q => new AwardLine(q.Key, q.Value!.Value, Award.Seen.TryGetValue(q.Key, out var seen) ? seen : null)).ToList();
            var (made, problems) = await awards.AwardAsync(Seat.OrganisationId, id, new AwardInput(lines, Award.ChangeNoticeDays, Award.PriceReview),
                actor.AsOrderActor(), ct);
            if (problems.Count == 0)
            {
                TempData["Status"] = t["Award.Made", made.Count, string.Join("、", made.Select(a => "#" + a.Id))].Value;
                return Redirect($"/organisation/plans/{id}");
            }
            PlanText.AddTo(ModelState, t, "Award", problems);
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>Finishes the award: the plan closes and the quotes not awarded are rejected, each supplier told.</summary>
    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostFinishAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var (rejected, problems) = await awards.FinishAsync(Seat.OrganisationId, id, actor.AsOrderActor(), ct);
        TempData["Status"] = problems.Count == 0 ? t["Award.Finished", rejected].Value : t[problems[0].Key, problems[0].Args].Value;
        return Redirect($"/organisation/plans/{id}");
    }

    [OrganisationPage(NewModel.Posters)]
    public async Task<IActionResult> OnPostCloseAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var plan = await db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == Seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        // Someone changed the plan meanwhile: show it as it is now rather than overwrite their change.
        TempData["Status"] = await plans.CloseAsync(plan, actor.AsOrderActor(), ct) is { } problem ? t[problem.Key].Value : t["Plans.ClosedNow"].Value;
        return Redirect($"/organisation/plans/{id}");
    }
}
