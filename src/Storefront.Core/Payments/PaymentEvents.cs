using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Core.Payments;

/// <summary>What a gateway event means for the shop, as the adapter reads it (pages and core never see the SDK's types).</summary>
public abstract record GatewayNotice;

/// <summary>Money arrived for a request (a completed card page, a succeeded payment intent, a paid invoice).</summary>
public sealed record PaymentSucceeded(Guid? RequestKey, string? GatewayId, string? PaymentIntentId, long AmountFen, string Currency, DateTime PaidAtUtc) : GatewayNotice;

/// <summary>An attempt to pay failed; the request stays open for another try.</summary>
public sealed record PaymentFailed(Guid? RequestKey, string? GatewayId, string? PaymentIntentId, string? Message, DateTime AtUtc) : GatewayNotice;

/// <summary>The request's gateway object is known (a finalized invoice, a card page the webhook told of first).</summary>
public sealed record RequestDetails(Guid? RequestKey, string GatewayId, string? PaymentIntentId, string? Url, string? PdfUrl, DateTime? DueAtUtc) : GatewayNotice;

/// <summary>The card page expired or the invoice was voided, unpaid.</summary>
public sealed record RequestClosed(Guid? RequestKey, string? GatewayId, PaymentRequestStatus Status) : GatewayNotice;

/// <summary>What the gateway says of one refund: ours (by our key or its id), or one made at the gateway, found by its payment.</summary>
public sealed record RefundNews(Guid? RefundKey, string? GatewayRefundId, GatewayRefundStatus Status, string? FailureMessage, DateTime AtUtc,
    string? PaymentIntentId = null, long AmountFen = 0, string Currency = "", string? Reason = null) : GatewayNotice;

/// <summary>A charge was refunded (in part): the refunds named in it, and the total refunded on it so far.</summary>
public sealed record ChargeRefunded(string? PaymentIntentId, long AmountRefundedFen, IReadOnlyList<RefundNews> Refunds, DateTime AtUtc) : GatewayNotice;

/// <summary>An event the shop does not act on: stored and acknowledged.</summary>
public sealed record Unhandled(string Type) : GatewayNotice;

/// <summary>
/// Applies gateway notices. Each is idempotent and safe in any order: a request is found by our id in the event's
/// metadata, else by the gateway's ids; paid is final (a late "expired" or "finalized" changes nothing but missing
/// details); the payment is confirmed once (<see cref="PaymentConfirmation"/>: unique reference, order versions), and
/// a refund succeeds once (<see cref="Refunds"/>). Amount and currency are checked against our own request before any
/// money counts. Returns a line saying what happened, which is stored with the event.
/// </summary>
public sealed class PaymentEvents(StorefrontDbContext db, PaymentConfirmation confirmation, Refunds refunds, TimeProvider clock)
{
    public const string GatewayActor = "Stripe";
    private const int Attempts = 8;

    public Task<string> ApplyAsync(GatewayNotice notice, CancellationToken ct) => notice switch
    {
        PaymentSucceeded paid => PaidAsync(paid, ct),
        PaymentFailed failed => OnRequestAsync(failed.RequestKey, failed.GatewayId, failed.PaymentIntentId, (r, o) =>
        {
            if (!r.IsOpen) return "request closed: failure ignored";
            r.AttemptFailed(failed.Message, failed.AtUtc);
            foreach (var order in o) order.Record(OrderEventKind.PaymentFailed, null, GatewayActor, Now, failed.Message);
            return "payment attempt failed";
        }, ct),
        RequestDetails details => OnRequestAsync(details.RequestKey, details.GatewayId, details.PaymentIntentId, (r, _) =>
        {
            r.Finalized(details.GatewayId, details.Url, details.PdfUrl, details.DueAtUtc);
            if (details.PaymentIntentId is not null) r.PaymentIntentKnown(details.PaymentIntentId);
            return "details recorded";
        }, ct),
        RequestClosed closed => OnRequestAsync(closed.RequestKey, closed.GatewayId, null, (r, _) =>
            r.Close(closed.Status, Now) ? $"request {closed.Status}" : "request not open: unchanged", ct),
        RefundNews news => RefundAsync(news, ct),
        ChargeRefunded charge => ChargeRefundedAsync(charge, ct),
        Unhandled unhandled => Task.FromResult($"stored: {unhandled.Type} is not acted on"),
        _ => Task.FromResult("stored: not acted on"),
    };

    private async Task<string> PaidAsync(PaymentSucceeded paid, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var request = await FindAsync(paid.RequestKey, paid.GatewayId, paid.PaymentIntentId, ct);
            if (request is null) return "no request of ours: ignored";
            if (request.Status == PaymentRequestStatus.Paid) return $"already paid (payment {request.PaymentId})";
            if (!string.Equals(paid.Currency, "cny", StringComparison.OrdinalIgnoreCase) || paid.AmountFen != request.AmountFen)
                return $"not confirmed: {paid.AmountFen} {paid.Currency} received, {request.AmountFen} cny asked";
            if (paid.GatewayId is not null && request.GatewayId is null) request.Finalized(paid.GatewayId, null, null, null);
            var orderIds = request.Orders.Select(o => o.OrderId).ToList();
            var result = await confirmation.ConfirmAsync(new PaymentConfirmation.Request(
                request.PurchaseId, request.Method, request.AmountFen, paid.PaidAtUtc, request.Reference, null, GatewayActor,
                OrderIds: orderIds), ct, payment =>
                {
                    request.Paid(payment.Id, paid.PaymentIntentId, Now);
                    return Task.CompletedTask;
                });
            switch (result.Outcome)
            {
                case PaymentConfirmation.Outcome.Confirmed:
                    return $"confirmed payment {result.Payment!.Id}";
                case PaymentConfirmation.Outcome.AlreadyConfirmed:
                    // Confirmed by a twin delivery a moment ago: make sure the request says so (once).
                    db.ChangeTracker.Clear();
                    var again = await db.PaymentRequests.FirstAsync(r => r.Id == request.Id, ct);
                    if (again.Status != PaymentRequestStatus.Paid && result.Payment is { } payment)
                    {
                        again.Paid(payment.Id, paid.PaymentIntentId, Now);
                        try { await db.SaveChangesAsync(ct); } catch (DbUpdateConcurrencyException) { continue; }
                    }
                    return $"already paid (payment {result.Payment?.Id})";
                case PaymentConfirmation.Outcome.Conflict:
                    continue;
                default:
                    return $"money received but not confirmed: {result.Outcome} (due {result.DueFen} fen); refund or record it by hand";
            }
        }
        throw new DbUpdateConcurrencyException("The payment kept conflicting with other changes; the event will be applied again.");
    }

    /// <summary>
    /// A refund of ours is brought to what the gateway says. One the shop did not make (in Stripe's Dashboard, with none
    /// of our metadata) counts all the same when its payment is ours: it is recorded once, by the gateway's refund id.
    /// </summary>
    private async Task<string> RefundAsync(RefundNews news, CancellationToken ct)
    {
        var ids = await refunds.FindAsync(news.RefundKey, news.GatewayRefundId, ct);
        if (ids.Count == 0) return await OutsideRefundAsync(news, ct);
        var lines = new List<string>();
        foreach (var id in ids)
            lines.Add(await refunds.GatewayAnsweredAsync(id, news.GatewayRefundId, news.Status, news.FailureMessage, news.AtUtc, ct)
                ? $"refund {id} {news.Status}" : $"refund {id} unchanged");
        return string.Join("; ", lines);
    }

    private async Task<string> OutsideRefundAsync(RefundNews news, CancellationToken ct)
    {
        if (news.GatewayRefundId is null || news.PaymentIntentId is null) return "refund of no payment of ours: ignored";
        var paymentId = await db.PaymentRequests.Where(r => r.PaymentIntentId == news.PaymentIntentId && r.PaymentId != null)
            .Select(r => r.PaymentId).FirstOrDefaultAsync(ct);
        if (paymentId is null) return "refund of no payment of ours: ignored";
        if (!string.Equals(news.Currency, "cny", StringComparison.OrdinalIgnoreCase)) return $"refund made outside the shop in {news.Currency}: not counted";
        if (news.Status == GatewayRefundStatus.Failed) return "refund made outside the shop failed before it succeeded: nothing to count";
        var recorded = await refunds.RecordGatewayRefundAsync(paymentId.Value, news.GatewayRefundId, news.AmountFen, news.Reason, news.Status, news.AtUtc, ct);
        if (recorded.Count > 0) return $"refund made outside the shop recorded as {string.Join(", ", recorded)} ({news.Status})";
        // Recorded a moment ago by a twin delivery (its id is taken now): bring it to what this event says.
        var again = await refunds.FindAsync(null, news.GatewayRefundId, ct);
        return again.Count == 0 ? "refund made outside the shop: nothing left to refund" : await RefundAsync(news, ct);
    }

    /// <summary>
    /// The refunds the charge names are applied one by one; when it names none (newer API versions leave the list
    /// out), our pending refunds of that payment succeed, oldest first, as far as the charge's refunded total reaches.
    /// </summary>
    private async Task<string> ChargeRefundedAsync(ChargeRefunded charge, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var news in charge.Refunds) lines.Add(await RefundAsync(news, ct));
        if (charge.Refunds.Count > 0 || charge.PaymentIntentId is null) return string.Join("; ", lines.DefaultIfEmpty("nothing to apply"));
        var paymentId = await db.PaymentRequests.Where(r => r.PaymentIntentId == charge.PaymentIntentId && r.PaymentId != null)
            .Select(r => r.PaymentId).FirstOrDefaultAsync(ct);
        if (paymentId is null) return "charge of no payment of ours";
        var succeeded = await db.Refunds.Where(r => r.PaymentId == paymentId && r.Status == RefundStatus.Succeeded).SumAsync(r => r.AmountFen, ct);
        var pending = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId && r.Status == RefundStatus.Pending)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.AmountFen }).ToListAsync(ct);
        foreach (var refund in pending)
        {
            if (succeeded + refund.AmountFen > charge.AmountRefundedFen) break;
            if (await refunds.GatewayAnsweredAsync(refund.Id, null, GatewayRefundStatus.Succeeded, null, charge.AtUtc, ct)) lines.Add($"refund {refund.Id} Succeeded");
            succeeded += refund.AmountFen;
        }
        return string.Join("; ", lines.DefaultIfEmpty("nothing new"));
    }

    private async Task<string> OnRequestAsync(Guid? requestKey, string? gatewayId, string? paymentIntentId, Func<PaymentRequest, IReadOnlyList<Order>, string> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            db.ChangeTracker.Clear();
            var request = await FindAsync(requestKey, gatewayId, paymentIntentId, ct);
            if (request is null) return "no request of ours: ignored";
            var ids = request.Orders.Select(o => o.OrderId).ToList();
            var orders = await db.Orders.Where(o => ids.Contains(o.Id)).ToListAsync(ct);
            var said = change(request, orders);
            try
            {
                await db.SaveChangesAsync(ct);
                return said;
            }
            catch (DbUpdateConcurrencyException) { }
        }
        throw new DbUpdateConcurrencyException("The request kept conflicting with other changes; the event will be applied again.");
    }

    private async Task<PaymentRequest?> FindAsync(Guid? requestKey, string? gatewayId, string? paymentIntentId, CancellationToken ct)
    {
        var query = db.PaymentRequests.Include(r => r.Orders);
        if (requestKey is { } key && await query.FirstOrDefaultAsync(r => r.Key == key, ct) is { } byKey) return byKey;
        if (gatewayId is not null && await query.FirstOrDefaultAsync(r => r.GatewayId == gatewayId, ct) is { } byGateway) return byGateway;
        if (paymentIntentId is not null) return await query.FirstOrDefaultAsync(r => r.PaymentIntentId == paymentIntentId, ct);
        return null;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
