using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>The rules of standing orders that do not need the database.</summary>
public static class StandingOrderRules
{
    /// <summary>
    /// The delivery dates whose orders are due on <paramref name="today"/>: from today to today + the organisation's lead
    /// days, both included. A delivery that could not be ordered yet (short of stock) stays due until its day.
    /// </summary>
    public static (DateOnly From, DateOnly To) DueWindow(DateOnly today, int leadDays) => (today, today.AddDays(leadDays));

    /// <summary>
    /// Whether the buyer may still change or skip the delivery of <paramref name="date"/> on <paramref name="today"/>:
    /// up to <paramref name="noticeDays"/> days before it (a notice of 2 lets the 10th's delivery change until the 8th).
    /// </summary>
    public static bool MayChange(DateOnly date, DateOnly today, int noticeDays) => today <= date.AddDays(-noticeDays);

    /// <summary>
    /// The checkout key of a delivery's purchase, the same for every attempt at it: a second attempt (another run, another
    /// instance) meets the first in the purchases' unique key as well as in the delivery's.
    /// </summary>
    public static Guid KeyOf(long agreementId, DateOnly date)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"standing-order:{agreementId}:{date:yyyy-MM-dd}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>The purchase-order reference of a standing order: the agreement and the delivery date, in no language.</summary>
    public static string ReferenceOf(long agreementId, DateOnly date) => $"SA{agreementId}-{date:yyyyMMdd}";
}

/// <summary>
/// The standing-order job's work: every active agreement's deliveries due within its organisation's lead days
/// (<see cref="Organisation.StandingOrderLeadDays"/>) that are Scheduled and have no order become orders for the buying
/// organisation, one purchase each, at the agreed unit price on the agreement's listing, through checkout's own
/// transaction (<see cref="OrderPlacement.PlaceStandingAsync"/>): approval threshold, stock, payment request and
/// notifications as for any order; the quota counts it when it is paid, as any order. The delivery's row is written in
/// that transaction, and the row (unique by agreement and date) and the purchase's key make each order once however
/// many runs or instances try. A delivery that cannot be ordered (no listing, listing off sale, short of stock) gets
/// the reason on its row, both sides are told once, and the next run tries again.
/// </summary>
public sealed class StandingOrders(StorefrontDbContext db, OrderPlacement placement, Payments.PaymentRequests payments, Notifier notifier, TimeProvider clock)
{
    public enum Outcome { Made, Held, MadeElsewhere }

    public sealed record Run(int Made, int Held, int MadeElsewhere);

    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    public async Task<Run> RunAsync(CancellationToken ct = default)
    {
        var today = Today;
        var horizon = today.AddDays(Organisation.MaxStandingOrderLeadDays);
        // Every agreement that may have a delivery due, and the rows written within the longest lead, in two statements:
        // most hourly runs order nothing, and must not read each agreement on its own to find that out.
        var agreements = await db.SupplyAgreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.EndDate >= today && a.StartDate <= horizon)
            .OrderBy(a => a.Id)
            .Select(a => new { Agreement = a, a.Organisation.StandingOrderLeadDays })
            .ToListAsync(ct);
        var ids = agreements.Select(a => a.Agreement.Id).ToList();
        var written = (await db.StandingDeliveries.AsNoTracking()
                .Where(d => ids.Contains(d.AgreementId) && d.DeliveryDate >= today && d.DeliveryDate <= horizon)
                .ToListAsync(ct))
            .ToLookup(d => d.AgreementId);
        int made = 0, held = 0, elsewhere = 0;
        foreach (var a in agreements)
        {
            var (from, to) = StandingOrderRules.DueWindow(today, a.StandingOrderLeadDays);
            foreach (var delivery in a.Agreement.DeliveriesBetween(from, to, written[a.Agreement.Id]).ToList())
            {
                if (delivery.Status != StandingDeliveryStatus.Scheduled || delivery.Row?.OrderId is not null || delivery.Quantity < 1) continue;
                var outcome = await MakeAsync(a.Agreement, delivery, ct: ct);
                if (outcome == Outcome.Made) made++;
                else if (outcome == Outcome.Held) held++;
                else elsewhere++;
            }
        }
        return new Run(made, held, elsewhere);
    }

    /// <summary>Makes one delivery's order, or records why it waits; paid the organisation's usual way unless told otherwise.</summary>
    public async Task<Outcome> MakeAsync(SupplyAgreement agreement, PlannedDelivery delivery, PaymentMethod? paymentMethod = null, CancellationToken ct = default)
    {
        if (agreement.ListingId is not { } listingId) return await HoldAsync(agreement, delivery, StandingDeliveryHold.NoListing, ct);
        var buyerName = await db.Users.Where(u => u.Id == agreement.AwardedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var request = new OrderPlacement.StandingRequest(
            agreement.OrganisationId, agreement.AwardedByUserId, buyerName, StandingOrderRules.KeyOf(agreement.Id, delivery.Date), listingId,
            delivery.Quantity, agreement.UnitPriceFen, delivery.Date, agreement.DeliveryAddress,
            StandingOrderRules.ReferenceOf(agreement.Id, delivery.Date), paymentMethod ?? await UsualPaymentMethodAsync(agreement.OrganisationId, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        var (problem, _) = await placement.PlaceStandingAsync(request, async purchase =>
        {
            // The row as it was read: its version is checked on saving, so a change made meanwhile (a skip, another
            // run's order) rolls this order back instead of overwriting it.
            var row = await RowAsReadAsync(agreement, delivery, ct)
                ?? throw new DbUpdateConcurrencyException("The delivery changed since it was read.");
            row.Status = StandingDeliveryStatus.Ordered;
            row.OrderId = purchase.Orders[0].Id;
            row.Hold = null;
            row.HeldAtUtc = null;
            row.UpdatedAtUtc = now;
        }, () => db.StandingDeliveries.AnyAsync(d => d.AgreementId == agreement.Id && d.DeliveryDate == delivery.Date
            && (delivery.Row == null || d.Version != delivery.Row.Version), ct), ct);
        return problem switch
        {
            OrderPlacement.StandingProblem.None => Outcome.Made,
            OrderPlacement.StandingProblem.PlacedBefore or OrderPlacement.StandingProblem.Conflict => Outcome.MadeElsewhere,
            OrderPlacement.StandingProblem.NotEnoughStock => await HoldAsync(agreement, delivery, StandingDeliveryHold.ShortOfStock, ct),
            OrderPlacement.StandingProblem.ListingUnavailable => await HoldAsync(agreement, delivery, StandingDeliveryHold.ListingUnavailable, ct),
            _ => await HoldAsync(agreement, delivery, StandingDeliveryHold.OrganisationMayNotOrder, ct),
        };
    }

    /// <summary>
    /// How the organisation pays, as at checkout: offline by bank transfer; online the way its latest purchase was paid,
    /// or by invoice (a payment request), which institutions mostly use.
    /// </summary>
    private async Task<PaymentMethod> UsualPaymentMethodAsync(int organisationId, CancellationToken ct)
    {
        if (!payments.IsEnabled) return PaymentMethod.BankTransfer;
        var latest = await db.Purchases.AsNoTracking().Where(p => p.OrganisationId == organisationId)
            .OrderByDescending(p => p.Id).Select(p => (PaymentMethod?)p.PaymentMethod).FirstOrDefaultAsync(ct);
        return latest is null or PaymentMethod.BankTransfer ? PaymentMethod.Invoice : latest.Value;
    }

    /// <summary>
    /// The delivery's row, tracked, to be changed: a new one when none was read, else the stored one if it is still the
    /// version read (null otherwise). Saving checks the version again, so a change in between is not overwritten.
    /// </summary>
    private async Task<StandingDelivery?> RowAsReadAsync(SupplyAgreement agreement, PlannedDelivery delivery, CancellationToken ct)
    {
        if (delivery.Row is null)
        {
            var added = new StandingDelivery { AgreementId = agreement.Id, DeliveryDate = delivery.Date, Quantity = delivery.Quantity };
            db.StandingDeliveries.Add(added);
            return added;
        }
        var row = await db.StandingDeliveries.SingleAsync(d => d.Id == delivery.Row.Id, ct);
        if (row.Version != delivery.Row.Version) return null;
        row.Version++;
        return row;
    }

    /// <summary>Records why the delivery waits; both sides hear it when the reason is new.</summary>
    private async Task<Outcome> HoldAsync(SupplyAgreement agreement, PlannedDelivery delivery, StandingDeliveryHold hold, CancellationToken ct)
    {
        if (delivery.Row?.Hold == hold) return Outcome.Held;
        var now = clock.GetUtcNow().UtcDateTime;
        if (await RowAsReadAsync(agreement, delivery, ct) is not { } row) return Outcome.MadeElsewhere;
        row.Hold = hold;
        row.HeldAtUtc = now;
        row.UpdatedAtUtc = now;
        var subject = $"#{agreement.Id} {delivery.Date:yyyy-MM-dd}";
        notifier.Notify([.. await notifier.PersonAsync(agreement.AwardedByUserId, ct), .. await notifier.OrganisationMembersAsync(agreement.OrganisationId, OrganisationRoles.OrgAdmin, except: agreement.AwardedByUserId, ct)],
            NotificationKind.StandingDeliveryWaiting, subject, StandingDeliveries.BuyerLink(agreement.Id));
        notifier.Notify(await notifier.SupplierMembersAsync(agreement.SupplierId, ct), NotificationKind.StandingDeliveryWaiting, subject, StandingDeliveries.SupplierLink(agreement.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another run recorded it (or made the order) meanwhile: what it wrote stands.
            db.ChangeTracker.Clear();
            return Outcome.MadeElsewhere;
        }
        db.ChangeTracker.Clear();
        return Outcome.Held;
    }
}
