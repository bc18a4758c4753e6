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
    /// The gateway's word on a refund (its answer to the create call, or a webhook), applied once: a pending refund
    /// succeeds or fails; a refund that succeeded and then fails (Stripe's refund.failed, or refund.updated to failed,
    /// when the money could not reach the buyer) gives its amount back to the quota, once; anything else stays as it
    /// is. Retries a conflicting change (another delivery at the same moment).
    /// </summary>
    public async Task<bool> GatewayAnsweredAsync(long refundId, string? gatewayRefundId, GatewayRefundStatus status, string? failure, DateTime atUtc, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            db.ChangeTracker.Clear();
            var refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == refundId, ct);
            if (refund is { Status: RefundStatus.Succeeded } && status == GatewayRefundStatus.Failed)
            {
                var reversal = await ReverseAsync(refund, failure, atUtc, ct);
                if (reversal == OrderingTransaction.Ending.Committed) return true;
                if (reversal == OrderingTransaction.Ending.Duplicate) return false;
                continue;
            }
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

    /// <summary>
    /// Finds our refunds by the id we gave one or the gateway's id: one, or the parts of a refund made at the gateway
    /// for a payment of several orders.
    /// </summary>
    public Task<List<long>> FindAsync(Guid? refundKey, string? gatewayRefundId, CancellationToken ct) =>
        db.Refunds.Where(r => (refundKey != null && r.Key == refundKey) || (gatewayRefundId != null && r.GatewayRefundId == gatewayRefundId))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);

    /// <summary>
    /// A refund the gateway reports that the shop did not ask for (made in Stripe's Dashboard, or by its API from
    /// elsewhere): it counts all the same, once, keyed by the gateway's refund id. It is recorded against the payment's
    /// orders, oldest first, each up to what it has left to refund, and then applied as the gateway says (succeeded:
    /// subtracted from the quota; pending: waits for the gateway's next word). One that failed before it succeeded
    /// never moved money and is not recorded. Returns the refunds recorded (none when the gateway's id is known already).
    /// </summary>
    public async Task<IReadOnlyList<long>> RecordGatewayRefundAsync(long paymentId, string gatewayRefundId, long amountFen, string? gatewayReason,
        GatewayRefundStatus status, DateTime atUtc, CancellationToken ct)
    {
        if (status == GatewayRefundStatus.Failed || amountFen <= 0) return [];
        db.ChangeTracker.Clear();
        if (await db.Refunds.AnyAsync(r => r.GatewayRefundId == gatewayRefundId, ct)) return [];
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return [];
        var orders = await db.Orders.Include(o => o.Lines).Where(o => o.PaymentId == paymentId).OrderBy(o => o.Id).ToListAsync(ct);
        var recorded = new List<Refund>();
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            var left = amountFen;
            foreach (var order in orders)
            {
                if (left == 0) break;
                var part = Math.Min(left, await RefundableAsync(order.Id, order.TotalFen, ct));
                if (part <= 0) continue;
                left -= part;
                var reason = $"Stripe {gatewayRefundId}" + (string.IsNullOrWhiteSpace(gatewayReason) ? "" : $" · {gatewayReason}");
                var refund = new Refund
                {
                    OrderId = order.Id,
                    PaymentId = paymentId,
                    AmountFen = part,
                    Reason = reason.Length > Refund.ReasonMaxLength ? reason[..Refund.ReasonMaxLength] : reason,
                    Via = RefundVia.Gateway,
                    RequestedByName = GatewayActor,
                    RequestedAtUtc = atUtc,
                };
                refund.GatewayKnows(gatewayRefundId);
                db.Refunds.Add(refund);
                order.Record(OrderEventKind.RefundRequested, null, GatewayActor, Now, $"{Money.Fen.Format(part)} · {refund.Reason}");
                await db.SaveChangesAsync(ct);
                if (status == GatewayRefundStatus.Succeeded) await SucceedAsync(order, refund, gatewayRefundId, atUtc, ct);
                recorded.Add(refund);
            }
            return recorded.Count > 0;
        }, ct, isDuplicate: () => db.Refunds.AnyAsync(r => r.GatewayRefundId == gatewayRefundId, ct));
        return ending == OrderingTransaction.Ending.Committed ? recorded.Select(r => r.Id).ToList() : [];
    }

    /// <summary>Who the order history names for what the gateway did by itself.</summary>
    public const string GatewayActor = "Stripe";

    /// <summary>
    /// A succeeded refund that the gateway now says failed: one entry per county gives back exactly what its refund
    /// entries subtracted (read from the ledger, keyed by the refund), in the year the failure is reported.
    /// </summary>
    private async Task<OrderingTransaction.Ending> ReverseAsync(Refund refund, string? failure, DateTime atUtc, CancellationToken ct)
    {
        var order = await db.Orders.FirstAsync(o => o.Id == refund.OrderId, ct);
        var prefix = RefundKeyPrefix(refund.Id);
        var subtracted = await db.QuotaEntries.AsNoTracking()
            .Where(e => e.OrderId == refund.OrderId && e.Kind == QuotaEntryKind.Refund && e.SourceKey.StartsWith(prefix))
            .OrderBy(e => e.Id).ToListAsync(ct);
        return await OrderingTransaction.RunAsync(db, async () =>
        {
            refund.Reversed(failure, atUtc);
            foreach (var entry in subtracted)
            {
                await ledger.AppendAsync(new QuotaLedger.Draft(
                    entry.OrganisationId, QuotaEntryKind.RefundReversed, -entry.AmountFen, atUtc, QuotaShares.ReversalSourceKey(refund.Id, entry.CountyCode!),
                    SupplierId: entry.SupplierId, CountyCode: entry.CountyCode, OrderId: entry.OrderId, Reference: entry.Reference,
                    Note: failure ?? "refund failed"), ct);
            }
            order.Record(OrderEventKind.RefundFailed, null, GatewayActor, Now, $"{Money.Fen.Format(refund.AmountFen)} · {failure}");
            return true;
        }, ct, isDuplicate: async () => await db.Refunds.AsNoTracking().AnyAsync(r => r.Id == refund.Id && r.ReversedAtUtc != null, ct));
    }

    private static string RefundKeyPrefix(long refundId) => $"refund:{refundId}:county:";

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
