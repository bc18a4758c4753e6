using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>The terms a change request proposes, as the form gives them; the listing and start stay the agreement's.</summary>
public sealed record ChangeInput(long UnitPriceFen, long QuantityPerDelivery, DeliverySchedule Schedule, DateOnly EndDate,
    int ChangeNoticeDays, string? PriceReview, string? Reason, int BasedOnVersion);

/// <summary>
/// Changing a supply agreement by agreement of both sides, and ending it early. Either side asks, on the version it
/// read; the other side accepts (the agreement takes the terms as its next version) or refuses with a reason; the asker
/// may withdraw. A request on an ended agreement, on a version since changed, or a decision by the side that asked, is
/// refused and changes nothing. The other side is told of each step, and each is audited.
/// </summary>
public sealed class AgreementChanges(StorefrontDbContext db, Notifier notifier, AuditLog audit, TimeProvider clock)
{
    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>What is wrong with proposed terms: a pure function, tested alone.</summary>
    public static IReadOnlyList<DemandProblem> Check(AgreementTerms terms, string? reason, DateOnly today)
    {
        var problems = new List<DemandProblem>();
        if (terms.UnitPriceFen < 1) problems.Add(new("UnitPrice", "Change.PriceRequired"));
        if (terms.QuantityPerDelivery is < 1 or > ProcurementPlan.MaxQuantityPerDelivery)
            problems.Add(new("QuantityPerDelivery", "Plan.QuantityRange", ProcurementPlan.MaxQuantityPerDelivery));
        if (terms.EndDate < terms.StartDate) problems.Add(new("EndDate", "Plan.EndBeforeStart"));
        // Ending sooner than today is ending early, which has its own action and reason.
        else if (terms.EndDate < today) problems.Add(new("EndDate", "Change.EndInPast"));
        else if (terms.EndDate.DayNumber - terms.StartDate.DayNumber > ProcurementPlans.MaxPeriodDays) problems.Add(new("EndDate", "Plan.PeriodTooLong"));
        else if (!terms.Schedule.IsComplete) problems.Add(new("Frequency", "Plan.ScheduleIncomplete"));
        else if (!terms.Schedule.DatesIn(terms.StartDate, terms.EndDate).Any()) problems.Add(new("Frequency", "Plan.NoDeliveryDate"));
        if (terms.ChangeNoticeDays is < 0 or > SupplyAgreement.MaxChangeNoticeDays)
            problems.Add(new("ChangeNoticeDays", "Award.NoticeRange", SupplyAgreement.MaxChangeNoticeDays));
        if (terms.PriceReview.Length > SupplyAgreement.PriceReviewMaxLength)
            problems.Add(new("PriceReview", "Award.PriceReviewTooLong", SupplyAgreement.PriceReviewMaxLength));
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(new("Reason", "Change.ReasonRequired"));
        else if (reason.Trim().Length > SupplyAgreement.ReasonMaxLength) problems.Add(new("Reason", "Change.ReasonTooLong", SupplyAgreement.ReasonMaxLength));
        return problems;
    }

    /// <summary>Whether two terms are the same in every part (a schedule's weekdays compared as a set).</summary>
    public static bool Same(AgreementTerms a, AgreementTerms b) =>
        a.UnitPriceFen == b.UnitPriceFen && a.QuantityPerDelivery == b.QuantityPerDelivery && a.StartDate == b.StartDate && a.EndDate == b.EndDate
        && a.ChangeNoticeDays == b.ChangeNoticeDays && a.PriceReview == b.PriceReview && a.ListingId == b.ListingId
        && a.Schedule.Frequency == b.Schedule.Frequency
        && (a.Schedule.Frequency != DeliveryFrequency.Weekly || a.Schedule.WeekdayMask == b.Schedule.WeekdayMask)
        && (a.Schedule.Frequency != DeliveryFrequency.EveryNDays || a.Schedule.IntervalDays == b.Schedule.IntervalDays)
        && (a.Schedule.Frequency != DeliveryFrequency.Monthly || a.Schedule.DayOfMonth == b.Schedule.DayOfMonth);

    /// <summary>The agreement of this party, or null: a side only ever reaches its own.</summary>
    public Task<SupplyAgreement?> FindAsync(AgreementSide side, int partyId, long agreementId, CancellationToken ct = default) =>
        db.SupplyAgreements.SingleOrDefaultAsync(a => a.Id == agreementId
            && (side == AgreementSide.Organisation ? a.OrganisationId == partyId : a.SupplierId == partyId), ct);

    public async Task<(AgreementChangeRequest? Request, IReadOnlyList<DemandProblem> Problems)> RequestAsync(
        AgreementSide side, int partyId, long agreementId, ChangeInput input, OrderWorkflow.Actor actor, CancellationToken ct = default)
    {
        var agreement = await FindAsync(side, partyId, agreementId, ct);
        if (agreement is null) return (null, [new("", "Agreement.NotFound")]);
        if (!agreement.IsActive) return (null, [new("", "Change.Ended")]);
        if (agreement.Version != input.BasedOnVersion) return (null, [new("", "Change.Stale")]);
        if (await db.AgreementChangeRequests.AnyAsync(r => r.AgreementId == agreementId && r.Status == ChangeRequestStatus.Pending, ct))
            return (null, [new("", "Change.PendingExists")]);
        if (input.QuantityPerDelivery is < 1 or > ProcurementPlan.MaxQuantityPerDelivery)
            return (null, [new("QuantityPerDelivery", "Plan.QuantityRange", ProcurementPlan.MaxQuantityPerDelivery)]);
        var terms = new AgreementTerms(input.UnitPriceFen, (int)input.QuantityPerDelivery, input.Schedule, agreement.StartDate, input.EndDate,
            input.ChangeNoticeDays, input.PriceReview?.Trim() ?? "", agreement.ListingId);
        var problems = Check(terms, input.Reason, Today);
        if (problems.Count > 0) return (null, problems);
        if (Same(terms, agreement.Terms)) return (null, [new("", "Change.NothingChanged")]);

        var now = clock.GetUtcNow().UtcDateTime;
        var request = AgreementChangeRequest.Propose(agreement, side, terms, input.Reason!.Trim(), actor.UserId, now);
        db.AgreementChangeRequests.Add(request);
        // The request, its notifications and its audit entry (which names the request's id) are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await TellOtherSideAsync(agreement, side, NotificationKind.AgreementChangeRequested, actor, ct);
            Audit(actor, "Agreement.RequestChange", agreement, request.Reason, $"request {request.Id} on version {request.BasedOnVersion}: {Describe(terms)}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Both sides asked at once: the one pending request per agreement (a filtered unique index) took the other.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (null, [new("", "Change.PendingExists")]);
        }
        return (request, []);
    }

    public Task<IReadOnlyList<DemandProblem>> AcceptAsync(AgreementSide side, int partyId, long agreementId, long requestId, OrderWorkflow.Actor actor, CancellationToken ct = default) =>
        DecideAsync(side, partyId, agreementId, requestId, actor, ct, (agreement, request, now) =>
        {
            if (side == request.RequestedBy) return new("", "Change.SameSide");
            if (!agreement.IsActive) return new("", "Change.Ended");
            if (agreement.Version != request.BasedOnVersion) return new("", "Change.Stale");
            agreement.Change(request.Terms, request.Reason, actor.UserId, now);
            request.Decide(ChangeRequestStatus.Accepted, actor.UserId, now);
            return null;
        }, NotificationKind.AgreementChangeAccepted, "Agreement.AcceptChange", null);

    public Task<IReadOnlyList<DemandProblem>> RefuseAsync(AgreementSide side, int partyId, long agreementId, long requestId, string? reason, OrderWorkflow.Actor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Task.FromResult<IReadOnlyList<DemandProblem>>([new("RefusalReason", "Change.RefusalReasonRequired")]);
        if (reason.Trim().Length > SupplyAgreement.ReasonMaxLength)
            return Task.FromResult<IReadOnlyList<DemandProblem>>([new("RefusalReason", "Change.ReasonTooLong", SupplyAgreement.ReasonMaxLength)]);
        return DecideAsync(side, partyId, agreementId, requestId, actor, ct, (_, request, now) =>
        {
            if (side == request.RequestedBy) return new("", "Change.SameSide");
            request.Decide(ChangeRequestStatus.Refused, actor.UserId, now, reason.Trim());
            return null;
        }, NotificationKind.AgreementChangeRefused, "Agreement.RefuseChange", reason.Trim());
    }

    public Task<IReadOnlyList<DemandProblem>> WithdrawAsync(AgreementSide side, int partyId, long agreementId, long requestId, OrderWorkflow.Actor actor, CancellationToken ct = default) =>
        DecideAsync(side, partyId, agreementId, requestId, actor, ct, (_, request, now) =>
        {
            if (side != request.RequestedBy) return new("", "Change.NotYours");
            request.Decide(ChangeRequestStatus.Withdrawn, actor.UserId, now);
            return null;
        }, NotificationKind.AgreementChangeWithdrawn, "Agreement.WithdrawChange", null);

    /// <summary>
    /// Ends an active agreement early, with the reason. Deliveries from the day it ends are no longer part of it (see
    /// <see cref="SupplyAgreement.DeliveriesBetween"/>); rows already written stay for the standing orders to settle.
    /// A pending change request ends with it: withdrawn if this side asked, else refused for the same reason.
    /// </summary>
    public async Task<IReadOnlyList<DemandProblem>> EndAsync(AgreementSide side, int partyId, long agreementId, string? reason, OrderWorkflow.Actor actor, CancellationToken ct = default)
    {
        var agreement = await FindAsync(side, partyId, agreementId, ct);
        if (agreement is null) return [new("", "Agreement.NotFound")];
        if (string.IsNullOrWhiteSpace(reason)) return [new("EndReason", "Agreement.EndReasonRequired")];
        if (reason.Trim().Length > SupplyAgreement.ReasonMaxLength) return [new("EndReason", "Change.ReasonTooLong", SupplyAgreement.ReasonMaxLength)];
        var now = clock.GetUtcNow().UtcDateTime;
        if (!agreement.End(reason.Trim(), actor.UserId, now)) return [new("", "Agreement.AlreadyEnded")];
        var pending = await db.AgreementChangeRequests.SingleOrDefaultAsync(r => r.AgreementId == agreementId && r.Status == ChangeRequestStatus.Pending, ct);
        if (pending is not null)
            pending.Decide(pending.RequestedBy == side ? ChangeRequestStatus.Withdrawn : ChangeRequestStatus.Refused, actor.UserId, now,
                pending.RequestedBy == side ? null : reason.Trim());
        await TellOtherSideAsync(agreement, side, NotificationKind.AgreementEnded, actor, ct);
        Audit(actor, "Agreement.End", agreement, reason.Trim(), $"{side} ended it at version {agreement.Version}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return [new("", "Change.Concurrent")];
        }
        return [];
    }

    private async Task<IReadOnlyList<DemandProblem>> DecideAsync(AgreementSide side, int partyId, long agreementId, long requestId, OrderWorkflow.Actor actor,
        CancellationToken ct, Func<SupplyAgreement, AgreementChangeRequest, DateTime, DemandProblem?> decide, NotificationKind kind, string action, string? reason)
    {
        var agreement = await FindAsync(side, partyId, agreementId, ct);
        if (agreement is null) return [new("", "Agreement.NotFound")];
        var request = await db.AgreementChangeRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.AgreementId == agreementId, ct);
        if (request is null) return [new("", "Agreement.NotFound")];
        if (!request.IsPending) return [new("", "Change.NotPending")];
        if (decide(agreement, request, clock.GetUtcNow().UtcDateTime) is { } problem) return [problem];
        await TellOtherSideAsync(agreement, side, kind, actor, ct);
        Audit(actor, action, agreement, reason ?? request.Reason, $"request {request.Id} {request.Status}; agreement at version {agreement.Version}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Decided or changed by someone else meanwhile: nothing of this decision is kept.
            db.ChangeTracker.Clear();
            return [new("", "Change.Concurrent")];
        }
        return [];
    }

    private async Task TellOtherSideAsync(SupplyAgreement agreement, AgreementSide side, NotificationKind kind, OrderWorkflow.Actor actor, CancellationToken ct)
    {
        var subject = PlanAwards.SubjectOf(agreement.Id, agreement.Description);
        if (side == AgreementSide.Supplier)
        {
            var buyers = await notifier.OrganisationMembersAsync(agreement.OrganisationId, OrganisationRoles.Buyer, actor.UserId, ct);
            var admins = await notifier.OrganisationMembersAsync(agreement.OrganisationId, OrganisationRoles.OrgAdmin, actor.UserId, ct);
            notifier.Notify([.. buyers, .. admins], kind, subject, $"/organisation/agreements/{agreement.Id}");
        }
        else
        {
            var members = await notifier.SupplierMembersAsync(agreement.SupplierId, ct);
            notifier.Notify(members.Where(m => m.UserId != actor.UserId), kind, subject, $"/supplier/agreements/{agreement.Id}");
        }
    }

    private void Audit(OrderWorkflow.Actor actor, string action, SupplyAgreement agreement, string? reason, string details) =>
        audit.Record(actor.UserId, actor.Name, action, PlanAwards.AgreementSubject, agreement.Id.ToString(CultureInfo.InvariantCulture), reason, details);

    private static string Describe(AgreementTerms t) =>
        $"{Fen.Format(t.UnitPriceFen)} × {t.QuantityPerDelivery}, {t.Schedule.Frequency}, {t.StartDate:yyyy-MM-dd}–{t.EndDate:yyyy-MM-dd}, notice {t.ChangeNoticeDays}d";
}
