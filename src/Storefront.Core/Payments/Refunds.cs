using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Quotas;

namespace Storefront.Core.Payments;

/// <summary>
/// Gives money back for a paid order, in whole or in part, with a reason: through the gateway when the order was paid
/// through it (the refund waits for the gateway's answer or webhook), recorded at once otherwise. A refund succeeds
/// once: then, in one transaction, it subtracts from the quota in the year it is made (one ledger entry per counted
/// county, keyed by the refund), is written to the order's history, and a refund of the whole order makes it Refunded
/// (releasing the stock of what was never shipped). The order's version guards the refundable amount against two
/// refunds at once. Who may refund which order is the caller's to decide (admins, the order's supplier).
/// </summary>
public sealed class Refunds(StorefrontDbContext db, QuotaLedger ledger, StockReservations stock, IPaymentGateway gateway, TimeProvider clock)
{
    public sealed record Actor(string? UserId, string Name);

    public enum Outcome
    {
        /// <summary>Recorded, or confirmed by the gateway already.</summary>
        Refunded,
        /// <summary>Sent through the gateway; it completes when the gateway confirms.</summary>
        Pending,
        NotRefundable,
        AmountInvalid,
        /// <summary>More than what is left to refund (given in <see cref="Result.RefundableFen"/>).</summary>
        AmountTooLarge,
        ReasonRequired,
        /// <summary>Paid through the gateway, which is not configured now.</summary>
        GatewayOffline,
        Conflict,
    }

    public sealed record Result(Outcome Outcome, Refund? Refund, long RefundableFen);

    /// <summary>What is left to refund: the total less refunds that succeeded or are under way.</summary>
    public Task<long> RefundableFenAsync(long orderId, long totalFen, CancellationToken ct = default) =>
        RefundableAsync(orderId, totalFen, ct);

    public async Task<Result> RequestAsync(long orderId, long amountFen, string? reason, Actor actor, CancellationToken ct = default)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || order.PaymentId is null || !OrderTransitions.MayRefund(order.Status)) return new(Outcome.NotRefundable, null, 0);
        var refundable = await RefundableAsync(order.Id, order.TotalFen, ct);
        if (amountFen <= 0) return new(Outcome.AmountInvalid, null, refundable);
        if (amountFen > refundable) return new(Outcome.AmountTooLarge, null, refundable);
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) return new(Outcome.ReasonRequired, null, refundable);
        var payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == order.PaymentId, ct);
        var via = payment.Method == PaymentMethod.BankTransfer ? RefundVia.Recorded : RefundVia.Gateway;
        if (via == RefundVia.Gateway && !gateway.IsConfigured) return new(Outcome.GatewayOffline, null, refundable);

        var now = Now;
        var refund = new Refund
        {
            OrderId = order.Id,
            PaymentId = payment.Id,
            AmountFen = amountFen,
            Reason = text.Length > Refund.ReasonMaxLength ? text[..Refund.ReasonMaxLength] : text,
            Via = via,
            RequestedByUserId = actor.UserId,
            RequestedByName = actor.Name,
            RequestedAtUtc = now,
        };
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            db.Refunds.Add(refund);
            order.Record(OrderEventKind.RefundRequested, actor.UserId, actor.Name, now, $"{Money.Fen.Format(amountFen)} · {refund.Reason}");
            await db.SaveChangesAsync(ct);
            if (via == RefundVia.Recorded) await SucceedAsync(order, refund, null, now, ct);
            else db.PaymentOutboxMessages.Add(new PaymentOutboxMessage { Command = PaymentCommand.CreateRefund, RefundId = refund.Id, CreatedAtUtc = now, NextAttemptAtUtc = now });
            return true;
        }, ct);
        if (ending != OrderingTransaction.Ending.Committed) return new(Outcome.Conflict, null, refundable);
        return new(via == RefundVia.Recorded ? Outcome.Refunded : Outcome.Pending, refund, refundable - amountFen);
    }

    /// <summary>
    /// The gateway's word on a refund (its answer to the create call, or a webhook), applied once: a refund that has
    /// succeeded or failed already stays as it is. Retries a conflicting change (another delivery at the same moment).
    /// </summary>
    public async Task<bool> GatewayAnsweredAsync(long refundId, string? gatewayRefundId, GatewayRefundStatus status, string? failure, DateTime atUtc, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            db.ChangeTracker.Clear();
            var refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == refundId, ct);
            if (refund is null || refund.Status != RefundStatus.Pending) return false;
            if (status == GatewayRefundStatus.Pending)
            {
                if (gatewayRefundId is null || refund.GatewayRefundId is not null) return false;
                refund.GatewayKnows(gatewayRefundId);
                try { await db.SaveChangesAsync(ct); return true; }
                catch (DbUpdateConcurrencyException) { continue; }
            }
            var order = await db.Orders.Include(o => o.Lines).FirstAsync(o => o.Id == refund.OrderId, ct);
            var ending = await OrderingTransaction.RunAsync(db, async () =>
            {
                if (status == GatewayRefundStatus.Succeeded) await SucceedAsync(order, refund, gatewayRefundId, atUtc, ct);
                else
                {
                    refund.Failed(gatewayRefundId, failure, atUtc);
                    order.Record(OrderEventKind.RefundFailed, null, "", Now, $"{Money.Fen.Format(refund.AmountFen)} · {failure}");
                }
                return true;
            }, ct, isDuplicate: async () => await StatusAsync(refundId, ct) != RefundStatus.Pending);
            // Duplicate: a twin delivery completed the refund a moment before (its ledger keys are taken); nothing more to do.
            if (ending == OrderingTransaction.Ending.Committed) return true;
            if (ending == OrderingTransaction.Ending.Duplicate) return false;
        }
        return false;
    }

    public Task<RefundStatus> StatusAsync(long refundId, CancellationToken ct) =>
        db.Refunds.AsNoTracking().Where(r => r.Id == refundId).Select(r => r.Status).SingleAsync(ct);

    /// <summary>Finds our refund by the gateway's id or the id we gave it.</summary>
    public Task<long?> FindAsync(Guid? refundKey, string? gatewayRefundId, CancellationToken ct) =>
        db.Refunds.Where(r => (refundKey != null && r.Key == refundKey) || (gatewayRefundId != null && r.GatewayRefundId == gatewayRefundId))
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);

    private async Task SucceedAsync(Order order, Refund refund, string? gatewayRefundId, DateTime atUtc, CancellationToken ct)
    {
        var before = await db.Refunds.Where(r => r.OrderId == order.Id && r.Status == RefundStatus.Succeeded && r.Id != refund.Id).SumAsync(r => r.AmountFen, ct);
        refund.Succeeded(gatewayRefundId, atUtc, before);
        var counties = await QuotaShares.OfPaymentAsync(db, refund.PaymentId, order.Id, ct);
        foreach (var (county, amount) in QuotaShares.OfRefund(counties, before, refund.AmountFen))
        {
            await ledger.AppendAsync(new QuotaLedger.Draft(
                order.OrganisationId, QuotaEntryKind.Refund, amount, atUtc, QuotaShares.RefundSourceKey(refund.Id, county),
                SupplierId: order.SupplierId, CountyCode: county, OrderId: order.Id, Reference: order.Number,
                Note: refund.Reason, RecordedByUserId: refund.RequestedByUserId), ct);
        }
        order.Record(OrderEventKind.Refunded, refund.Via == RefundVia.Recorded ? refund.RequestedByUserId : null,
            refund.Via == RefundVia.Recorded ? refund.RequestedByName : "", Now, $"{Money.Fen.Format(refund.AmountFen)} · {refund.Reason}");
        if (before + refund.AmountFen >= order.TotalFen && OrderTransitions.MayRefund(order.Status))
        {
            // Goods never shipped go back on sale.
            if (order.Status == OrderStatus.Paid) await stock.ReleaseAsync(order, ct);
            order.MoveTo(OrderStatus.Refunded);
        }
    }

    private async Task<long> RefundableAsync(long orderId, long totalFen, CancellationToken ct) =>
        totalFen - await db.Refunds.Where(r => r.OrderId == orderId && r.Status != RefundStatus.Failed).SumAsync(r => r.AmountFen, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
