using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;

namespace Storefront.Core.Demand;

/// <summary>
/// What people do to one delivery of an agreement: the buyer changes its quantity or skips it, up to the agreement's
/// notice (<see cref="StandingOrderRules.MayChange"/>); the supplier confirms or declines it. A delivery whose order
/// is made is skipped or declined by ending that order through the orders' own cancellation (stock returned), in the
/// same transaction as the delivery's row; a paid or accepted order is not ended here. Each step checks the agreement
/// is the caller's (organisation or supplier) and the date is on its schedule, and changes nothing otherwise.
/// </summary>
public sealed class StandingDeliveries(StorefrontDbContext db, OrderWorkflow workflow, Notifier notifier, TimeProvider clock)
{
    public enum Outcome
    {
        Done,
        NotFound,
        AgreementEnded,
        /// <summary>No delivery of the agreement on that date.</summary>
        NotOnSchedule,
        /// <summary>The delivery is closer than the agreement's notice: it may no longer be changed or skipped.</summary>
        PastNotice,
        QuantityOutOfRange,
        /// <summary>Skipped or declined already, or its day has passed.</summary>
        NotNow,
        /// <summary>Its order is made: its quantity is the order's now.</summary>
        AlreadyOrdered,
        /// <summary>Its order is paid, accepted or being paid: it is refunded or cancelled from the order's page.</summary>
        OrderUnderWay,
        ReasonRequired,
        /// <summary>Someone changed it meanwhile; nothing changed.</summary>
        Conflict,
    }

    public static string BuyerLink(long agreementId) => $"/organisation/agreements/{agreementId}";

    public static string SupplierLink(long agreementId) => $"/supplier/agreements/{agreementId}";

    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    public async Task<Outcome> ChangeQuantityAsync(long agreementId, int organisationId, DateOnly date, long quantity, OrderWorkflow.Actor buyer, CancellationToken ct = default)
    {
        var (outcome, agreement, delivery) = await FindForBuyerAsync(agreementId, organisationId, date, ct);
        if (outcome != Outcome.Done) return outcome;
        if (quantity is < 1 or > ProcurementPlan.MaxQuantityPerDelivery) return Outcome.QuantityOutOfRange;
        if (delivery!.Status == StandingDeliveryStatus.Ordered) return Outcome.AlreadyOrdered;
        if (delivery.Status != StandingDeliveryStatus.Scheduled) return Outcome.NotNow;
        return await SaveAsync(agreement!, delivery, row =>
        {
            row.Quantity = (int)quantity;
            row.ChangedByUserId = buyer.UserId;
        }, async () => notifier.Notify(await notifier.SupplierMembersAsync(agreement!.SupplierId, ct), NotificationKind.StandingDeliveryChanged,
            Subject(agreementId, date), SupplierLink(agreementId)), ct);
    }

    public async Task<Outcome> SkipAsync(long agreementId, int organisationId, DateOnly date, OrderWorkflow.Actor buyer, CancellationToken ct = default)
    {
        var (outcome, agreement, delivery) = await FindForBuyerAsync(agreementId, organisationId, date, ct);
        if (outcome != Outcome.Done) return outcome;
        if (delivery!.Status is not (StandingDeliveryStatus.Scheduled or StandingDeliveryStatus.Ordered)) return Outcome.NotNow;
        void Skip(StandingDelivery row)
        {
            row.Status = StandingDeliveryStatus.Skipped;
            row.Hold = null;
            row.HeldAtUtc = null;
            row.ChangedByUserId = buyer.UserId;
        }
        async Task Tell() => notifier.Notify(await notifier.SupplierMembersAsync(agreement!.SupplierId, ct), NotificationKind.StandingDeliveryChanged,
            Subject(agreementId, date), SupplierLink(agreementId));
        if (delivery.Row?.OrderId is { } orderId)
            return await EndOrderAsync(orderId, delivery, CancellationKind.CancelledByBuyer, buyer, "", Skip, Tell, ct);
        return await SaveAsync(agreement!, delivery, Skip, Tell, ct);
    }

    public async Task<Outcome> ConfirmAsync(long agreementId, int supplierId, DateOnly date, OrderWorkflow.Actor supplier, CancellationToken ct = default)
    {
        var (outcome, agreement, delivery) = await FindForSupplierAsync(agreementId, supplierId, date, ct);
        if (outcome != Outcome.Done) return outcome;
        if (delivery!.Status is not (StandingDeliveryStatus.Scheduled or StandingDeliveryStatus.Ordered)) return Outcome.NotNow;
        if (delivery.Row?.ConfirmedAtUtc is not null) return Outcome.Done;
        return await SaveAsync(agreement!, delivery, row =>
        {
            row.ConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
            row.ConfirmedByUserId = supplier.UserId;
        }, () => Task.CompletedTask, ct);
    }

    public async Task<Outcome> DeclineAsync(long agreementId, int supplierId, DateOnly date, string? reason, OrderWorkflow.Actor supplier, CancellationToken ct = default)
    {
        var (outcome, agreement, delivery) = await FindForSupplierAsync(agreementId, supplierId, date, ct);
        if (outcome != Outcome.Done) return outcome;
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.ReasonRequired;
        reason = reason.Trim();
        if (reason.Length > StandingDelivery.ReasonMaxLength) reason = reason[..StandingDelivery.ReasonMaxLength];
        if (delivery!.Status is not (StandingDeliveryStatus.Scheduled or StandingDeliveryStatus.Ordered)) return Outcome.NotNow;
        void Decline(StandingDelivery row)
        {
            row.Status = StandingDeliveryStatus.Declined;
            row.DeclineReason = reason;
            row.Hold = null;
            row.HeldAtUtc = null;
            row.ChangedByUserId = supplier.UserId;
        }
        async Task Tell() => notifier.Notify(await notifier.PersonAsync(agreement!.AwardedByUserId, ct), NotificationKind.StandingDeliveryDeclined,
            Subject(agreementId, date), BuyerLink(agreementId));
        if (delivery.Row?.OrderId is { } orderId)
            return await EndOrderAsync(orderId, delivery, CancellationKind.DeclinedBySupplier, supplier, reason, Decline, Tell, ct);
        return await SaveAsync(agreement!, delivery, Decline, Tell, ct);
    }

    private static string Subject(long agreementId, DateOnly date) => $"#{agreementId} {date:yyyy-MM-dd}";

    private async Task<(Outcome, SupplyAgreement?, PlannedDelivery?)> FindForBuyerAsync(long agreementId, int organisationId, DateOnly date, CancellationToken ct)
    {
        var (outcome, agreement, delivery) = await FindAsync(db.SupplyAgreements.Where(a => a.Id == agreementId && a.OrganisationId == organisationId), date, ct);
        if (outcome == Outcome.Done && !StandingOrderRules.MayChange(date, Today, agreement!.ChangeNoticeDays)) return (Outcome.PastNotice, null, null);
        return (outcome, agreement, delivery);
    }

    private Task<(Outcome, SupplyAgreement?, PlannedDelivery?)> FindForSupplierAsync(long agreementId, int supplierId, DateOnly date, CancellationToken ct) =>
        FindAsync(db.SupplyAgreements.Where(a => a.Id == agreementId && a.SupplierId == supplierId), date, ct);

    private async Task<(Outcome, SupplyAgreement?, PlannedDelivery?)> FindAsync(IQueryable<SupplyAgreement> scoped, DateOnly date, CancellationToken ct)
    {
        var agreement = await scoped.AsNoTracking().SingleOrDefaultAsync(ct);
        if (agreement is null) return (Outcome.NotFound, null, null);
        if (!agreement.IsActive) return (Outcome.AgreementEnded, null, null);
        if (date < Today) return (Outcome.NotNow, null, null);
        var rows = await db.StandingDeliveries.AsNoTracking().Where(d => d.AgreementId == agreement.Id && d.DeliveryDate == date).ToListAsync(ct);
        var delivery = agreement.DeliveriesBetween(date, date, rows).SingleOrDefault();
        return delivery is null ? (Outcome.NotOnSchedule, null, null) : (Outcome.Done, agreement, delivery);
    }

    /// <summary>Writes the delivery's row (new, or the version read) with the change; a change made meanwhile wins.</summary>
    private async Task<Outcome> SaveAsync(SupplyAgreement agreement, PlannedDelivery delivery, Action<StandingDelivery> change, Func<Task> tell, CancellationToken ct)
    {
        var row = await TrackAsync(agreement.Id, delivery, ct);
        if (row is null) return Outcome.Conflict;
        change(row);
        await tell();
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict;
        }
    }

    private async Task<StandingDelivery?> TrackAsync(long agreementId, PlannedDelivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (delivery.Row is null)
        {
            var added = new StandingDelivery { AgreementId = agreementId, DeliveryDate = delivery.Date, Quantity = delivery.Quantity, UpdatedAtUtc = now };
            db.StandingDeliveries.Add(added);
            return added;
        }
        var row = await db.StandingDeliveries.SingleAsync(d => d.Id == delivery.Row.Id, ct);
        if (row.Version != delivery.Row.Version) return null;
        row.Version++;
        row.UpdatedAtUtc = now;
        return row;
    }

    /// <summary>Ends the delivery's order by the orders' cancellation, and records the delivery's new state with it.</summary>
    private async Task<Outcome> EndOrderAsync(long orderId, PlannedDelivery delivery, CancellationKind kind, OrderWorkflow.Actor actor, string reason,
        Action<StandingDelivery> change, Func<Task> tell, CancellationToken ct)
    {
        var order = await workflow.FindAsync(orderId, ct: ct);
        if (order is null) return Outcome.NotFound;
        if (order.Status == OrderStatus.Cancelled)
            return await SaveAsync(await db.SupplyAgreements.AsNoTracking().SingleAsync(a => a.Id == delivery.Row!.AgreementId, ct), delivery, change, tell, ct);
        var result = await workflow.EndStandingAsync(order, kind, actor, reason, async () =>
        {
            var row = await TrackAsync(delivery.Row!.AgreementId, delivery, ct)
                ?? throw new DbUpdateConcurrencyException("The delivery changed since it was read.");
            change(row);
            await tell();
        }, ct);
        return result.Outcome switch
        {
            OrderWorkflow.Outcome.Done => Outcome.Done,
            OrderWorkflow.Outcome.Conflict => Outcome.Conflict,
            _ => Outcome.OrderUnderWay,
        };
    }
}
