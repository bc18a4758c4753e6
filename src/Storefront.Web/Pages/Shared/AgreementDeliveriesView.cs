using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Shared;

/// <summary>
/// What <c>_AgreementDeliveries.cshtml</c> shows of an agreement to either side: its upcoming deliveries (date, quantity,
/// state, why one waits, the order made for it) with the buyer's or the supplier's buttons, and its record so far.
/// </summary>
public sealed record AgreementDeliveriesView(
    long AgreementId, bool ForSupplier, bool Active, int ChangeNoticeDays, string Unit, long UnitPriceFen,
    IReadOnlyList<AgreementDeliveriesView.Row> Upcoming, AgreementDeliveriesView.Record Counts)
{
    /// <summary>How far ahead the list of deliveries reaches.</summary>
    public const int UpcomingDays = 56;

    public sealed record Row(DateOnly Date, int Quantity, StandingDeliveryStatus Status, StandingDeliveryHold? Hold, bool Confirmed,
        string? DeclineReason, long? OrderId, string? OrderNumber, OrderStatus? OrderStatus, bool MayChange);

    /// <summary>
    /// The agreement's record: deliveries ordered, skipped by the buyer, declined by the supplier, waiting (due, no order
    /// yet), missed (their day passed with nothing shipped by then) and short (accepted short at receipt: the orders' own
    /// shortfall record).
    /// </summary>
    public sealed record Record(int Ordered, int Skipped, int Declined, int Waiting, int Missed, int Short);

    /// <summary>What either side is told after acting on a delivery: done (in the words of <paramref name="doneKey"/>), or why not.</summary>
    public static string Message(Microsoft.Extensions.Localization.IStringLocalizer t, StandingDeliveries.Outcome outcome, DateOnly date, string doneKey) =>
        outcome == StandingDeliveries.Outcome.Done
            ? t[doneKey, date.ToString("yyyy-MM-dd")].Value
            : t[$"StandingOutcome.{outcome}", date.ToString("yyyy-MM-dd")].Value;

    public string RouteBase => ForSupplier ? $"/supplier/agreements/{AgreementId}" : $"/organisation/agreements/{AgreementId}";

    public static async Task<AgreementDeliveriesView> LoadAsync(StorefrontDbContext db, SupplyAgreement agreement, bool forSupplier, DateOnly today, CancellationToken ct)
    {
        var rows = await db.StandingDeliveries.AsNoTracking().Where(d => d.AgreementId == agreement.Id).ToListAsync(ct);
        var orders = await db.StandingDeliveries.AsNoTracking()
            .Where(d => d.AgreementId == agreement.Id && d.OrderId != null)
            .Select(d => new
            {
                d.DeliveryDate, d.Order!.Id, d.Order.Number, d.Order.Status,
                FirstShipped = d.Order.Shipments.Min(s => (DateTime?)s.ShippedAtUtc),
                Short = d.Order.Shipments.Any(s => s.Receipt != null && s.Receipt.Lines.Any(l => l.Shortfall != null)),
            })
            .ToDictionaryAsync(o => o.DeliveryDate, ct);

        var upcoming = agreement.DeliveriesBetween(today, today.AddDays(UpcomingDays), rows)
            .Select(d =>
            {
                var order = orders.GetValueOrDefault(d.Date);
                return new Row(d.Date, d.Quantity, d.Status, d.Row?.Hold, d.Row?.ConfirmedAtUtc is not null, d.Row?.DeclineReason,
                    order?.Id, order?.Number, order?.Status,
                    agreement.IsActive && StandingOrderRules.MayChange(d.Date, today, agreement.ChangeNoticeDays));
            })
            .ToList();

        var missed = agreement.DeliveriesBetween(agreement.StartDate, today.AddDays(-1), rows)
            .Count(d => d.IsCommitted && (orders.GetValueOrDefault(d.Date) is not { } o || o.Status == OrderStatus.Cancelled
                || o.FirstShipped is not { } shipped || ShanghaiTime.DateOf(shipped) > d.Date));
        var counts = new Record(
            rows.Count(r => r.Status == StandingDeliveryStatus.Ordered),
            rows.Count(r => r.Status == StandingDeliveryStatus.Skipped),
            rows.Count(r => r.Status == StandingDeliveryStatus.Declined),
            rows.Count(r => r.Status == StandingDeliveryStatus.Scheduled && r.Hold is not null && r.DeliveryDate >= today),
            missed,
            orders.Values.Count(o => o.Short));
        return new AgreementDeliveriesView(agreement.Id, forSupplier, agreement.IsActive, agreement.ChangeNoticeDays, agreement.Unit,
            agreement.UnitPriceFen, upcoming, counts);
    }
}
