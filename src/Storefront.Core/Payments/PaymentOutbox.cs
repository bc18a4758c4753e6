using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Core.Payments;

/// <summary>
/// Sends the payment outbox to the gateway: at once from the page that wrote a message (the buyer waits for the card
/// page), and from the background job for whatever is left, retried with backoff. Each message is claimed first by a
/// conditional update, so two senders never send it together; the idempotency keys make a send repeated after a lost
/// answer harmless. The answer is recorded on the request or refund, and never undoes later news from a webhook.
/// </summary>
public sealed class PaymentOutbox(StorefrontDbContext db, IPaymentGateway gateway, Refunds refunds, TimeProvider clock, ILogger<PaymentOutbox> logger)
{
    /// <summary>How long a claim holds before another sender may try (a sender that died mid-call).</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);

    public enum Sent { Done, RetryLater, GaveUp, NotDue }

    /// <summary>Sends every message that is due, oldest first; returns how many were sent or settled.</summary>
    public async Task<int> SendDueAsync(int batch, CancellationToken ct)
    {
        var now = Now;
        var ids = await db.PaymentOutboxMessages.AsNoTracking()
            .Where(m => m.DoneAtUtc == null && m.GaveUpAtUtc == null && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(batch).ToListAsync(ct);
        var count = 0;
        foreach (var id in ids)
            if (await SendAsync(id, ct) is Sent.Done or Sent.GaveUp) count++;
        return count;
    }

    /// <summary>
    /// Sends what is due for a purchase's requests and refunds now, for the page that just wrote them; a person who
    /// tries again does not wait for the backoff (the idempotency key makes the repeat harmless).
    /// </summary>
    public async Task SendForPurchaseAsync(long purchaseId, CancellationToken ct)
    {
        var ids = await db.PaymentOutboxMessages.AsNoTracking()
            .Where(m => m.DoneAtUtc == null && m.GaveUpAtUtc == null
                && ((m.PaymentRequestId != null && db.PaymentRequests.Any(r => r.Id == m.PaymentRequestId && r.PurchaseId == purchaseId))
                    || (m.RefundId != null && db.Refunds.Any(r => r.Id == m.RefundId && r.Order.PurchaseId == purchaseId))))
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids) await SendAsync(id, ct, skipBackoff: true);
    }

    public Task<List<long>> PendingForRefundAsync(long refundId, CancellationToken ct) =>
        db.PaymentOutboxMessages.AsNoTracking().Where(m => m.RefundId == refundId && m.DoneAtUtc == null && m.GaveUpAtUtc == null)
            .Select(m => m.Id).ToListAsync(ct);

    public async Task<Sent> SendAsync(long messageId, CancellationToken ct, bool skipBackoff = false)
    {
        var now = Now;
        // Skipping the backoff still leaves a claim in flight alone (it has no error recorded yet).
        var claimed = await db.PaymentOutboxMessages
            .Where(m => m.Id == messageId && m.DoneAtUtc == null && m.GaveUpAtUtc == null
                && (m.NextAttemptAtUtc <= now || (skipBackoff && m.LastError != null)))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, now + ClaimLifetime).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0) return Sent.NotDue;
        db.ChangeTracker.Clear();
        var message = await db.PaymentOutboxMessages.FirstAsync(m => m.Id == messageId, ct);
        try
        {
            await SendOneAsync(message, ct);
            message.DoneAtUtc = Now;
            message.LastError = null;
            await SaveAsync(ct);
            return Sent.Done;
        }
        catch (Exception e) when (e is PaymentGatewayException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var permanent = e is PaymentGatewayException { Permanent: true };
            logger.LogWarning(e, "Payment outbox message {Id} ({Command}) failed on attempt {Attempts}", message.Id, message.Command, message.Attempts);
            db.ChangeTracker.Clear();
            message = await db.PaymentOutboxMessages.FirstAsync(m => m.Id == messageId, ct);
            message.LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message;
            if (permanent || message.Attempts >= PaymentOutboxMessage.MaxAttempts)
            {
                message.GaveUpAtUtc = Now;
                await GiveUpAsync(message, e.Message, ct);
                await SaveAsync(ct);
                return Sent.GaveUp;
            }
            message.NextAttemptAtUtc = Now + PaymentOutboxMessage.Backoff(message.Attempts);
            await SaveAsync(ct);
            return Sent.RetryLater;
        }
    }

    private async Task SendOneAsync(PaymentOutboxMessage message, CancellationToken ct)
    {
        switch (message.Command)
        {
            case PaymentCommand.CreateCheckout:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is not null) return;
                var checkout = await gateway.CreateCheckoutAsync(new CheckoutDraft(
                    $"checkout-{request.Key:N}", request.Key.ToString("N"), request.Purchase.Number, await LinesAsync(request, ct),
                    $"/orders/purchases/{request.PurchaseId}/paid?request={request.Key:N}",
                    $"/orders/purchases/{request.PurchaseId}/payment-cancelled?request={request.Key:N}",
                    request.CreatedAtUtc + PaymentRequest.CardLifetime), ct);
                var closed = !request.IsOpen;
                request.Created(checkout.Id, checkout.Url, null, checkout.ExpiresAtUtc, null, null);
                // Withdrawn while it was being created: nobody has its address, and it is expired at the gateway too.
                if (closed) db.PaymentOutboxMessages.Add(new PaymentOutboxMessage { Command = PaymentCommand.ExpireCheckout, PaymentRequestId = request.Id, CreatedAtUtc = Now, NextAttemptAtUtc = Now });
                return;
            }
            case PaymentCommand.CreateInvoice:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is not null) return;
                var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == request.Purchase.OrganisationId)
                    .Select(o => new { o.Id, o.Name, o.CreditCode, o.PaymentTermDays, o.InvoiceContactEmail }).SingleAsync(ct);
                var customerId = await CustomerAsync(organisation.Id, organisation.Name, organisation.InvoiceContactEmail, organisation.CreditCode, ct);
                var invoice = await gateway.CreateInvoiceAsync(new InvoiceDraft(
                    $"invoice-{request.Key:N}", request.Key.ToString("N"), customerId, organisation.PaymentTermDays,
                    request.Purchase.Number, await LinesAsync(request, ct)), ct);
                request.Created(invoice.Id, invoice.HostedUrl, invoice.PdfUrl, null, invoice.DueAtUtc, customerId);
                return;
            }
            case PaymentCommand.ExpireCheckout:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is null || request.Status == PaymentRequestStatus.Paid) return;
                await gateway.ExpireCheckoutAsync(request.GatewayId, ct);
                request.Close(PaymentRequestStatus.Expired, Now);
                return;
            }
            case PaymentCommand.VoidInvoice:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is null || request.Status == PaymentRequestStatus.Paid) return;
                await gateway.VoidInvoiceAsync(request.GatewayId, ct);
                request.Close(PaymentRequestStatus.Voided, Now);
                return;
            }
            case PaymentCommand.CreateRefund:
            {
                var refund = await db.Refunds.FirstAsync(r => r.Id == message.RefundId, ct);
                if (refund.Status != RefundStatus.Pending) return;
                var request = await db.PaymentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.PaymentId == refund.PaymentId, ct)
                    ?? throw new PaymentGatewayException("The payment was not made through the gateway.", permanent: true);
                var answer = await gateway.CreateRefundAsync(new RefundDraft(
                    $"refund-{refund.Key:N}", refund.Key.ToString("N"), request.PaymentIntentId,
                    request.Kind == PaymentRequestKind.Invoice ? request.GatewayId : null, refund.AmountFen, refund.Reason), ct);
                await SaveAsync(ct);
                await refunds.GatewayAnsweredAsync(refund.Id, answer.Id, answer.Status, answer.FailureMessage, Now, ct);
                return;
            }
            default:
                throw new PaymentGatewayException($"Unknown command {message.Command}.", permanent: true);
        }
    }

    /// <summary>A request the gateway refused for good closes, so that its orders may be paid otherwise.</summary>
    private async Task GiveUpAsync(PaymentOutboxMessage message, string error, CancellationToken ct)
    {
        if (message.Command is PaymentCommand.CreateCheckout or PaymentCommand.CreateInvoice)
        {
            var request = await db.PaymentRequests.FirstAsync(r => r.Id == message.PaymentRequestId, ct);
            if (request.GatewayId is null) request.Close(PaymentRequestStatus.Failed, Now, error);
        }
        else if (message.Command == PaymentCommand.CreateRefund)
        {
            await SaveAsync(ct);
            await refunds.GatewayAnsweredAsync(message.RefundId!.Value, null, GatewayRefundStatus.Failed, error, Now, ct);
        }
    }

    /// <summary>The organisation's gateway customer: created on its first invoice (one row per organisation, whoever races), then reused.</summary>
    private async Task<string> CustomerAsync(int organisationId, string name, string? email, string creditCode, CancellationToken ct)
    {
        var customer = await db.GatewayCustomers.FirstOrDefaultAsync(c => c.OrganisationId == organisationId, ct);
        if (customer is null)
        {
            customer = new GatewayCustomer { OrganisationId = organisationId, CreatedAtUtc = Now };
            db.GatewayCustomers.Add(customer);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another sender created the row first: use theirs, and its key.
                db.Entry(customer).State = EntityState.Detached;
                customer = await db.GatewayCustomers.FirstAsync(c => c.OrganisationId == organisationId, ct);
            }
        }
        if (customer.CustomerId is { } known) return known;
        var id = await gateway.CreateCustomerAsync(new CustomerDraft($"customer-{customer.Key:N}", organisationId, name, email, creditCode), ct);
        await db.GatewayCustomers.Where(c => c.OrganisationId == organisationId && c.CustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, id), ct);
        return id;
    }

    private Task<PaymentRequest> RequestAsync(PaymentOutboxMessage message, CancellationToken ct) =>
        db.PaymentRequests.Include(r => r.Purchase).FirstAsync(r => r.Id == message.PaymentRequestId, ct);

    /// <summary>One gateway line per order line of the request's orders, from the orders as they were placed.</summary>
    private async Task<IReadOnlyList<GatewayLine>> LinesAsync(PaymentRequest request, CancellationToken ct)
    {
        var lines = await db.OrderLines.AsNoTracking()
            .Where(l => db.PaymentRequestOrders.Any(x => x.PaymentRequestId == request.Id && x.OrderId == l.OrderId))
            .OrderBy(l => l.OrderId).ThenBy(l => l.Id)
            .Select(l => new { l.Title, l.UnitPriceFen, l.Quantity, l.AmountFen, Number = db.Orders.Where(o => o.Id == l.OrderId).Select(o => o.Number).First() })
            .ToListAsync(ct);
        return lines.Select(l => new GatewayLine($"{l.Title} · {l.Number}", l.UnitPriceFen, l.Quantity, l.AmountFen)).ToList();
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            // A webhook changed the request meanwhile: its news stands; the message's own state is saved alone.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not PaymentOutboxMessage).ToList()) entry.State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
