using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;

namespace Storefront.Core.Demand;

/// <summary>What is wrong with a plan or a quote: the form field it belongs to, a resource key and its arguments.</summary>
public sealed record DemandProblem(string Field, string Key, params object[] Args);

public sealed record PlanInput(
    int CategoryId, string Description, string? Spec, long QuantityPerDelivery, string Unit, DeliverySchedule Schedule,
    DateOnly StartDate, DateOnly EndDate, DateOnly QuotesCloseOn, string DeliveryAddress, TimeOnly LatestDeliveryTime,
    long? PriceCeilingFen, string? ProvinceCode);

/// <summary>Posting and closing an organisation's procurement plans, and which open plans a supplier may quote on.</summary>
public sealed class ProcurementPlans(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>A period longer than three years is a typo, and would only make the schedule's dates pile up.</summary>
    public const int MaxPeriodDays = 3 * 366;

    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<DemandProblem>> ValidateAsync(PlanInput input, CancellationToken ct = default, DateOnly? startedOn = null)
    {
        var problems = new List<DemandProblem>();
        if (!await db.Categories.AnyAsync(c => c.Id == input.CategoryId, ct)) problems.Add(new("CategoryId", "Plan.CategoryUnknown"));
        if (string.IsNullOrWhiteSpace(input.Description)) problems.Add(new("Description", "Plan.DescriptionRequired"));
        if (input.QuantityPerDelivery is < 1 or > ProcurementPlan.MaxQuantityPerDelivery)
            problems.Add(new("QuantityPerDelivery", "Plan.QuantityRange", ProcurementPlan.MaxQuantityPerDelivery));
        if (string.IsNullOrWhiteSpace(input.Unit)) problems.Add(new("Unit", "Plan.UnitRequired"));
        if (string.IsNullOrWhiteSpace(input.DeliveryAddress)) problems.Add(new("DeliveryAddress", "Plan.AddressRequired"));
        if (input.PriceCeilingFen is <= 0) problems.Add(new("PriceCeiling", "Plan.CeilingNotPositive"));
        if (input.ProvinceCode is { } province
            && !await db.Divisions.AnyAsync(d => d.Code == province && d.Level == DivisionLevel.Province, ct))
            problems.Add(new("ProvinceCode", "Plan.ProvinceUnknown"));

        var today = Today;
        if (input.EndDate < input.StartDate) problems.Add(new("EndDate", "Plan.EndBeforeStart"));
        // A plan already under way keeps its start; only a new or moved start must lie ahead.
        else if (input.StartDate < today && input.StartDate != startedOn) problems.Add(new("StartDate", "Plan.StartInPast"));
        else if (input.EndDate.DayNumber - input.StartDate.DayNumber > MaxPeriodDays) problems.Add(new("EndDate", "Plan.PeriodTooLong"));
        else if (!input.Schedule.IsComplete) problems.Add(new("Frequency", "Plan.ScheduleIncomplete"));
        else if (!input.Schedule.DatesIn(input.StartDate, input.EndDate).Any()) problems.Add(new("Frequency", "Plan.NoDeliveryDate"));
        if (input.QuotesCloseOn < today) problems.Add(new("QuotesCloseOn", "Plan.ClosesInPast"));
        else if (input.QuotesCloseOn > input.EndDate) problems.Add(new("QuotesCloseOn", "Plan.ClosesAfterEnd"));
        return problems;
    }

    /// <summary>Posts the plan, or changes nothing and says why.</summary>
    public async Task<(ProcurementPlan? Plan, IReadOnlyList<DemandProblem> Problems)> PostAsync(int organisationId, string userId, PlanInput input, CancellationToken ct = default)
    {
        var problems = await ValidateAsync(input, ct);
        if (problems.Count > 0) return (null, problems);
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new ProcurementPlan
        {
            OrganisationId = organisationId, Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = userId, PostedAtUtc = now,
        };
        plan.Apply(input, now, isNew: true);
        db.ProcurementPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return (plan, []);
    }

    /// <summary>
    /// Changes an open plan's terms, or changes nothing and says why: closed, or changed by someone else since
    /// <paramref name="seenRevision"/> (checked again by the concurrency token when saving, so no change is overwritten).
    /// </summary>
    public async Task<IReadOnlyList<DemandProblem>> ReviseAsync(ProcurementPlan plan, int seenRevision, PlanInput input, CancellationToken ct = default)
    {
        if (!plan.IsOpenOn(Today)) return [new("", "Plan.ClosedNoChange")];
        // Agreements were made on these terms: they change by change request, not under them.
        if (plan.AwardedQuantityPerDelivery > 0) return [new("", "Plan.AwardedNoChange")];
        if (plan.Revision != seenRevision) return [new("", "Plans.ChangedMeanwhile")];
        var problems = await ValidateAsync(input, ct, startedOn: plan.StartDate);
        if (problems.Count > 0) return problems;
        plan.Apply(input, clock.GetUtcNow().UtcDateTime, isNew: false);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return [new("", "Plans.ChangedMeanwhile")];
        }
        return [];
    }

    /// <summary>
    /// The plans in the supplier's trade: those of a category it has published listings in. Whether its county may
    /// quote is <see cref="AdmitsCounty"/>'s question, asked apart so that the refusal can say why.
    /// </summary>
    public IQueryable<ProcurementPlan> InTradeOf(int supplierId) =>
        db.ProcurementPlans.Where(p => db.Listings.Any(l => l.SupplierId == supplierId && l.Status == ListingStatus.Published && l.CategoryId == p.CategoryId));

    /// <summary>The open plans a supplier sees on its demand board: in its trade, open today, and admitting its county.</summary>
    public async Task<IQueryable<ProcurementPlan>> OpenForAsync(int supplierId, CancellationToken ct = default)
    {
        var county = await db.Suppliers.Where(s => s.Id == supplierId).Select(s => s.CountyCode).SingleAsync(ct);
        var today = Today;
        var plans = InTradeOf(supplierId).Where(p => p.ClosedAtUtc == null && p.QuotesCloseOn >= today);
        if (!await IsDesignatedAsync(county, ct)) return plans.Where(_ => false);
        var province = AdministrativeDivision.ProvinceCodeOf(county);
        return plans.Where(p => p.ProvinceCode == null || p.ProvinceCode == province);
    }

    public Task<bool> IsDesignatedAsync(string countyCode, CancellationToken ct = default) =>
        db.DesignatedCounties.AnyAsync(c => c.CountyCode == countyCode && c.RemovedAtUtc == null, ct);

    /// <summary>Whether the plan's county rule admits a county: designated now, and in the plan's province if it names one.</summary>
    public static bool AdmitsCounty(ProcurementPlan plan, string countyCode, bool designated) =>
        designated && (plan.ProvinceCode is null || plan.ProvinceCode == AdministrativeDivision.ProvinceCodeOf(countyCode));
}
