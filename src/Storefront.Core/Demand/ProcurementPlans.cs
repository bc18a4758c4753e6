using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;

namespace Storefront.Core.Demand;

/// <summary>What is wrong with a plan or a quote: the form field it belongs to, a resource key and its arguments.</summary>
public sealed record DemandProblem(string Field, string Key, params object[] Args);

public sealed record PlanInput(
    int CategoryId, string Description, string? Spec, long QuantityPerDelivery, string Unit, DeliverySchedule Schedule,
    DateOnly StartDate, DateOnly EndDate, DateOnly QuotesCloseOn, int DeliveryAddressId, TimeOnly LatestDeliveryTime,
    long? PriceCeilingFen, string? ProvinceCode, bool PairedCountiesOnly = false);

/// <summary>
/// Posting, approving, changing and closing an organisation's procurement plans, and which open plans a supplier may
/// quote on. <b>Approval</b>: an organisation with an approval threshold has every plan approved before suppliers see
/// it, as an order above the threshold (a plan commits it to a term of deliveries whose value is not known before the
/// quotes, and may have no ceiling); with no threshold, plans go out at once, as orders do. A change of an approved plan
/// that could commit more (<see cref="ProcurementPlan.ChangeNeedsApproval"/>) sends it back to the approvers. The
/// poster may not approve their own plan, as with purchases. Posting, deciding, changing and closing are audited,
/// and each is kept as the plan's next <see cref="ProcurementPlanRevision"/>, saved with it (<see cref="SaveRevisionAsync"/>).
/// </summary>
public sealed class ProcurementPlans(StorefrontDbContext db, TimeProvider clock, Notifier notifier, AuditLog audit)
{
    public const string SubjectType = "ProcurementPlan";
    /// <summary>A period longer than three years is a typo, and would only make the schedule's dates pile up.</summary>
    public const int MaxPeriodDays = 3 * 366;

    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<DemandProblem>> ValidateAsync(int organisationId, PlanInput input, CancellationToken ct = default, DateOnly? startedOn = null)
    {
        var problems = new List<DemandProblem>();
        if (!await db.Categories.AnyAsync(c => c.Id == input.CategoryId, ct)) problems.Add(new("CategoryId", "Plan.CategoryUnknown"));
        if (string.IsNullOrWhiteSpace(input.Description)) problems.Add(new("Description", "Plan.DescriptionRequired"));
        if (input.QuantityPerDelivery is < 1 or > ProcurementPlan.MaxQuantityPerDelivery)
            problems.Add(new("QuantityPerDelivery", "Plan.QuantityRange", ProcurementPlan.MaxQuantityPerDelivery));
        if (string.IsNullOrWhiteSpace(input.Unit)) problems.Add(new("Unit", "Plan.UnitRequired"));
        if (!await db.DeliveryAddresses.AnyAsync(a => a.Id == input.DeliveryAddressId && a.OrganisationId == organisationId, ct))
            problems.Add(new("DeliveryAddressId", "Plan.AddressRequired"));
        if (input.PriceCeilingFen is <= 0) problems.Add(new("PriceCeiling", "Plan.CeilingNotPositive"));
        if (input.ProvinceCode is { } province
            && !await db.Divisions.AnyAsync(d => d.Code == province && d.Level == DivisionLevel.Province, ct))
            problems.Add(new("ProvinceCode", "Plan.ProvinceUnknown"));
        if (input.PairedCountiesOnly && input.ProvinceCode is not null) problems.Add(new("ProvinceCode", "Plan.PairedAndProvince"));
        else if (input.PairedCountiesOnly && !await db.PairedCounties.AnyAsync(c => c.OrganisationId == organisationId, ct))
            problems.Add(new("ProvinceCode", "Plan.NoPairedCounties"));

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

    /// <summary>Posts the plan, or changes nothing and says why; it waits for an approver when the organisation has a threshold.</summary>
    public async Task<(ProcurementPlan? Plan, IReadOnlyList<DemandProblem> Problems)> PostAsync(int organisationId, OrderWorkflow.Actor poster, PlanInput input, CancellationToken ct = default)
    {
        var problems = await ValidateAsync(organisationId, input, ct);
        if (problems.Count > 0) return (null, problems);
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = new ProcurementPlan
        {
            OrganisationId = organisationId, Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = poster.UserId, PostedAtUtc = now,
        };
        plan.Apply(input, await AddressAsync(input), now, isNew: true);
        var needsApproval = await HasApprovalRuleAsync(organisationId, ct);
        // The plan, its audit entry and its notifications are saved together; the entry and links need its id first.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ProcurementPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        audit.Record(poster.UserId, poster.Name, "Plan.Post", SubjectType, Subject(plan));
        await AfterChangeAsync(plan, poster, needsApproval, ct);
        // Revision 1 as it goes out (or waits), in the same transaction as the plan.
        plan.KeepRevision(poster.UserId, poster.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (plan, []);
    }

    /// <summary>
    /// Changes an open plan's terms, or changes nothing and says why: closed, or changed by someone else since
    /// <paramref name="seenRevision"/> (checked again by the concurrency token when saving, so no change is overwritten).
    /// A plan waiting for approval keeps waiting; an approved one waits again when the change could commit more.
    /// </summary>
    public async Task<IReadOnlyList<DemandProblem>> ReviseAsync(ProcurementPlan plan, int seenRevision, PlanInput input, OrderWorkflow.Actor changer, CancellationToken ct = default)
    {
        if (plan.Approval == PlanApproval.Rejected) return [new("", "Plan.RejectedNoChange")];
        if (!plan.MayChangeOn(Today)) return [new("", "Plan.ClosedNoChange")];
        // Agreements were made on these terms: they change by change request, not under them.
        if (plan.AwardedQuantityPerDelivery > 0) return [new("", "Plan.AwardedNoChange")];
        if (plan.Revision != seenRevision) return [new("", "Plans.ChangedMeanwhile")];
        var problems = await ValidateAsync(plan.OrganisationId, input, ct, startedOn: plan.StartDate);
        if (problems.Count > 0) return problems;
        var needsApproval = plan.Approval == PlanApproval.AwaitingApproval
            || (plan.ChangeNeedsApproval(input) && await HasApprovalRuleAsync(plan.OrganisationId, ct));
        var wasWaiting = plan.Approval == PlanApproval.AwaitingApproval;
        plan.Apply(input, await AddressAsync(input), clock.GetUtcNow().UtcDateTime, isNew: false);
        audit.Record(changer.UserId, changer.Name, "Plan.Change", SubjectType, Subject(plan), details: $"revision {plan.Revision}");
        if (needsApproval && !wasWaiting) await AfterChangeAsync(plan, changer, needsApproval: true, ct);
        return await SaveRevisionAsync(plan, changer, ct) ? [] : [new("", "Plans.ChangedMeanwhile")];
    }

    /// <summary>
    /// An approver approves or rejects (with a reason) a waiting plan of the organisation. Answers the problem, or null
    /// when decided: the poster is told, and suppliers the plan admits are told of it the first time it is approved.
    /// </summary>
    public async Task<DemandProblem?> DecideAsync(ProcurementPlan plan, bool approve, string? reason, OrderWorkflow.Actor approver, CancellationToken ct = default)
    {
        if (plan.Approval != PlanApproval.AwaitingApproval || plan.ClosedAtUtc is not null) return new("", "PlanApproval.NotWaiting");
        if (plan.PostedByUserId == approver.UserId) return new("", "PlanApproval.OwnPlan");
        if (!approve && string.IsNullOrWhiteSpace(reason)) return new("Reason", "PlanApproval.ReasonRequired");
        if (reason?.Length > ProcurementPlan.ReasonMaxLength) return new("Reason", "PlanApproval.ReasonTooLong", ProcurementPlan.ReasonMaxLength);
        var now = clock.GetUtcNow().UtcDateTime;
        plan.Decide(approve, approver.UserId, reason, now);
        audit.Record(approver.UserId, approver.Name, approve ? "Plan.Approve" : "Plan.Reject", SubjectType, Subject(plan), approve ? reason.TrimmedOrNull() : reason!.Trim());
        notifier.Notify(await notifier.PersonAsync(plan.PostedByUserId, ct), approve ? NotificationKind.PlanApproved : NotificationKind.PlanRejected,
            Subject(plan), $"/organisation/plans/{plan.Id}");
        if (approve) await NotifySuppliersAsync(plan, ct);
        return await SaveRevisionAsync(plan, approver, ct) ? null : new("", "Plans.ChangedMeanwhile");
    }

    /// <summary>
    /// Closes the plan for quotes, audited. Answers the problem, or null when it is closed (already closed: nothing is
    /// saved); a change by someone else meanwhile is refused, so it is not overwritten.
    /// </summary>
    public async Task<DemandProblem?> CloseAsync(ProcurementPlan plan, OrderWorkflow.Actor closer, CancellationToken ct = default)
    {
        if (!plan.Close(clock.GetUtcNow().UtcDateTime)) return null;
        audit.Record(closer.UserId, closer.Name, "Plan.Close", SubjectType, Subject(plan));
        return await SaveRevisionAsync(plan, closer, ct) ? null : new("", "Plans.ChangedMeanwhile");
    }

    /// <summary>
    /// Saves a change that raised the plan's revision together with the row that keeps it; false, with nothing written,
    /// when someone else changed the plan meanwhile: its concurrency token no longer matches, or their revision row took
    /// the same number first (whichever the database checks first).
    /// </summary>
    private async Task<bool> SaveRevisionAsync(ProcurementPlan plan, OrderWorkflow.Actor by, CancellationToken ct)
    {
        var (planId, revision) = (plan.Id, plan.Revision);
        plan.KeepRevision(by.UserId, by.Name);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e)
        {
            // What is tracked describes the refused change; the caller shows the plan as it now is.
            db.ChangeTracker.Clear();
            if (e is DbUpdateConcurrencyException
                || await db.ProcurementPlanRevisions.AnyAsync(r => r.PlanId == planId && r.Revision == revision, ct)) return false;
            throw;
        }
    }

    /// <summary>Plans of the organisation waiting for an approver: what the approvals page and its link in the header count.</summary>
    public IQueryable<ProcurementPlan> AwaitingApproval(int organisationId) =>
        db.ProcurementPlans.Where(p => p.OrganisationId == organisationId && p.Approval == PlanApproval.AwaitingApproval && p.ClosedAtUtc == null);

    private static string Subject(ProcurementPlan plan) => plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<bool> HasApprovalRuleAsync(int organisationId, CancellationToken ct) =>
        db.Organisations.AnyAsync(o => o.Id == organisationId && o.ApprovalThresholdFen != null, ct);

    private Task<DeliveryAddress> AddressAsync(PlanInput input) => db.DeliveryAddresses.SingleAsync(a => a.Id == input.DeliveryAddressId);

    /// <summary>A new or changed plan either waits for the approvers, who are told once, or is out and its suppliers are told.</summary>
    private async Task AfterChangeAsync(ProcurementPlan plan, OrderWorkflow.Actor by, bool needsApproval, CancellationToken ct)
    {
        if (needsApproval)
        {
            plan.AwaitApproval();
            notifier.Notify(await notifier.OrganisationMembersAsync(plan.OrganisationId, OrganisationRoles.Approver, except: by.UserId, ct),
                NotificationKind.PlanAwaitingApproval, Subject(plan), ApprovalLink(plan.Id));
        }
        else await NotifySuppliersAsync(plan, ct);
    }

    public static string ApprovalLink(long planId) => $"/approvals#plan-{planId}";

    /// <summary>
    /// Tells the members of every supplier the plan admits (its trade, its counties, verified) that it is open for
    /// quotes: once per plan, the first time it is out, in one query for all of them, so that a plan changed or
    /// approved again is not announced twice.
    /// </summary>
    private async Task NotifySuppliersAsync(ProcurementPlan plan, CancellationToken ct)
    {
        if (plan.SuppliersNotifiedAtUtc is not null) return;
        plan.SuppliersNotifiedAtUtc = clock.GetUtcNow().UtcDateTime;
        var recipients = await db.SupplierMembers.AsNoTracking()
            .Where(m => AdmittedSuppliers(plan).Any(s => s.Id == m.SupplierId))
            .Select(m => new Recipient(m.UserId, m.User.Email))
            .ToListAsync(ct);
        notifier.Notify(recipients, NotificationKind.NewPlanToQuote, Subject(plan), $"/supplier/demand/{plan.Id}");
    }

    /// <summary>The verified suppliers whose trade and county the plan admits.</summary>
    private IQueryable<Suppliers.Supplier> AdmittedSuppliers(ProcurementPlan plan)
    {
        var (category, province, paired, organisation) = (plan.CategoryId, plan.ProvinceCode, plan.PairedCountiesOnly, plan.OrganisationId);
        return db.Suppliers.Where(s => s.Status == VerificationStatus.Verified
            && db.Listings.Any(l => l.SupplierId == s.Id && l.Status == ListingStatus.Published && l.CategoryId == category)
            && db.DesignatedCounties.Any(c => c.CountyCode == s.CountyCode && c.RemovedAtUtc == null)
            && (province == null || s.County.ProvinceCode == province)
            && (!paired || db.PairedCounties.Any(c => c.OrganisationId == organisation && c.CountyCode == s.CountyCode)));
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
        var plans = InTradeOf(supplierId).Where(p => p.Approval == PlanApproval.Approved && p.ClosedAtUtc == null && p.QuotesCloseOn >= today);
        if (!await IsDesignatedAsync(county, ct)) return plans.Where(_ => false);
        var province = AdministrativeDivision.ProvinceCodeOf(county);
        return plans.Where(p => (p.ProvinceCode == null || p.ProvinceCode == province)
            && (!p.PairedCountiesOnly || db.PairedCounties.Any(c => c.OrganisationId == p.OrganisationId && c.CountyCode == county)));
    }

    public Task<bool> IsDesignatedAsync(string countyCode, CancellationToken ct = default) =>
        db.DesignatedCounties.AnyAsync(c => c.CountyCode == countyCode && c.RemovedAtUtc == null, ct);

    /// <summary>
    /// Whether the plan's county rule admits a county: designated now, and in the plan's province if it names one, and
    /// among the organisation's paired counties if it is open to those only.
    /// </summary>
    public static bool AdmitsCounty(ProcurementPlan plan, string countyCode, bool designated, bool paired) =>
        designated && (plan.ProvinceCode is null || plan.ProvinceCode == AdministrativeDivision.ProvinceCodeOf(countyCode))
        && (!plan.PairedCountiesOnly || paired);

    public Task<bool> IsPairedAsync(int organisationId, string countyCode, CancellationToken ct = default) =>
        db.PairedCounties.AnyAsync(c => c.OrganisationId == organisationId && c.CountyCode == countyCode, ct);
}
