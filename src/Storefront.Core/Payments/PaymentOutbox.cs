using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Settings;

namespace Storefront.Core.Payments;

/// <summary>
/// Sends the payment outbox to the gateway: at once from the page that wrote a message (the buyer waits for the card
/// page), and from the background job for whatever is left, retried with backoff. Each message is claimed first by a
/// conditional update, so two senders never send it together; the idempotency keys make a send repeated after a lost
/// answer harmless. The answer is recorded on the request or refund, and never undoes later news from a webhook.
/// </summary>
public sealed class PaymentOutbox(
    StorefrontDbContext db, IPaymentGateway gateway, Refunds refunds, PublicAddress address, PaymentOutboxSettings settings, TimeProvider clock,
    ILogger<PaymentOutbox> logger)
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
    /// tries again does not wait for the backoff (the idempotency key makes the repeat harmless). The buyer waits at
    /// most <see cref="PaymentOutboxSettings.PageWait"/> for a card page; one that does not come in time is the
    /// background job's to retry, with the same request.
    /// </summary>
    public async Task SendForPurchaseAsync(long purchaseId, CancellationToken ct)
    {
        var ids = await db.PaymentOutboxMessages.AsNoTracking()
            .Where(m => m.DoneAtUtc == null && m.GaveUpAtUtc == null
                && ((m.PaymentRequestId != null && db.PaymentRequests.Any(r => r.Id == m.PaymentRequestId && r.PurchaseId == purchaseId))
                    || (m.RefundId != null && db.Refunds.Any(r => r.Id == m.RefundId && r.Order.PurchaseId == purchaseId))))
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids) await SendAsync(id, ct, skipBackoff: true, answerWithin: settings.PageWait);
    }

    public Task<List<long>> PendingForRefundAsync(long refundId, CancellationToken ct) =>
        db.PaymentOutboxMessages.AsNoTracking().Where(m => m.RefundId == refundId && m.DoneAtUtc == null && m.GaveUpAtUtc == null)
            .Select(m => m.Id).ToListAsync(ct);

    public async Task<Sent> SendAsync(long messageId, CancellationToken ct, bool skipBackoff = false, TimeSpan? answerWithin = null)
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
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // The buyer waits on the card page's creation; an invoice's several calls are the job's to finish if they take long.
        if (answerWithin is { } wait && message.Command == PaymentCommand.CreateCheckout) deadline.CancelAfter(wait);
        try
        {
            await SendOneAsync(message, deadline.Token);
            message.DoneAtUtc = Now;
            message.LastError = null;
            await SaveAsync(ct);
            return Sent.Done;
        }
        catch (Exception e) when (!ct.IsCancellationRequested
            && (e is PaymentGatewayException or HttpRequestException or TaskCanceledException || deadline.IsCancellationRequested))
        {
            var permanent = e is PaymentGatewayException { Permanent: true } && !deadline.IsCancellationRequested;
            var error = deadline.IsCancellationRequested ? $"No answer within {answerWithin!.Value.TotalSeconds:0.#} s; retried in the background." : e.Message;
            logger.LogWarning(e, "Payment outbox message {Id} ({Command}) failed on attempt {Attempts}", message.Id, message.Command, message.Attempts);
            db.ChangeTracker.Clear();
            message = await db.PaymentOutboxMessages.FirstAsync(m => m.Id == messageId, ct);
            message.LastError = error.Length > 500 ? error[..500] : error;
            if (permanent || (message.Attempts >= PaymentOutboxMessage.MaxAttempts && await MayGiveUpAsync(message, ct)))
            {
                message.GaveUpAtUtc = Now;
                await GiveUpAsync(message, error, ct);
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
                var draft = await FixedRequestAsync(message, () => GatewayDrafts.CheckoutAsync(db, request, request.Purchase.Number, address, ct), ct);
                var checkout = await gateway.CreateCheckoutAsync(draft, ct);
                var closed = !request.IsOpen;
                request.Created(checkout.Id, checkout.Url, null, checkout.ExpiresAtUtc, null, null);
                // Withdrawn or given up while it was being created: nobody has its address, and it is expired at the gateway too.
                if (closed) ExpireAtGateway(request.Id);
                return;
            }
            case PaymentCommand.CreateInvoice:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is not null) return;
                var draft = await FixedRequestAsync(message,
                    () => GatewayDrafts.InvoiceAsync(db, request, request.Purchase.Number, request.Purchase.OrganisationId, ct), ct);
                var customerId = await CustomerAsync(request.Purchase.OrganisationId, ct);
                var invoice = await gateway.CreateInvoiceAsync(draft with { CustomerId = customerId }, ct);
                request.Created(invoice.Id, invoice.HostedUrl, invoice.PdfUrl, null, invoice.DueAtUtc, customerId);
                return;
            }
            case PaymentCommand.ExpireCheckout:
            {
                var request = await RequestAsync(message, ct);
                if (request.GatewayId is null || request.Status == PaymentRequestStatus.Paid) return;
                await gateway.ExpireCheckoutAsync(request.GatewayId, $"expire-{request.Key:N}", ct);
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
            // A card page the shop gives up on while it may be paid is closed at the gateway too.
            else if (request.Kind == PaymentRequestKind.Card && request.Close(PaymentRequestStatus.Failed, Now, error)) ExpireAtGateway(request.Id);
        }
        else if (message.Command == PaymentCommand.CreateRefund)
        {
            await SaveAsync(ct);
            await refunds.GatewayAnsweredAsync(message.RefundId!.Value, null, GatewayRefundStatus.Failed, error, Now, ct);
        }
    }

    /// <summary>
    /// A card page that may exist at the gateway without our knowing its id (an attempt whose answer was lost) is given up
    /// only once its own expiry has passed: by then the gateway has closed it, and nobody ever had its address.
    /// </summary>
    private async Task<bool> MayGiveUpAsync(PaymentOutboxMessage message, CancellationToken ct)
    {
        if (message.Command != PaymentCommand.CreateCheckout) return true;
        var created = await db.PaymentRequests.AsNoTracking().Where(r => r.Id == message.PaymentRequestId).Select(r => r.CreatedAtUtc).SingleAsync(ct);
        return Now >= created + PaymentRequest.CardLifetime;
    }

    private void ExpireAtGateway(long requestId) =>
        db.PaymentOutboxMessages.Add(new PaymentOutboxMessage { Command = PaymentCommand.ExpireCheckout, PaymentRequestId = requestId, CreatedAtUtc = Now, NextAttemptAtUtc = Now });

    /// <summary>The request fixed when the message was written; a message written before requests were kept gets it fixed now.</summary>
    private async Task<T> FixedRequestAsync<T>(PaymentOutboxMessage message, Func<Task<T>> build, CancellationToken ct)
    {
        if (message.Request is { } json) return GatewayDrafts.Read<T>(json);
        var draft = await build();
        message.Request = GatewayDrafts.Write(draft);
        await db.PaymentOutboxMessages.Where(m => m.Id == message.Id && m.Request == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.Request, message.Request), ct);
        return draft;
    }

    /// <summary>
    /// The organisation's gateway customer: created on its first invoice (one row per organisation, whoever races), then
    /// reused. The row keeps what the creation sends, so a retried creation sends the same name and address.
    /// </summary>
    private async Task<string> CustomerAsync(int organisationId, CancellationToken ct)
    {
        var customer = await db.GatewayCustomers.FirstOrDefaultAsync(c => c.OrganisationId == organisationId, ct);
        if (customer is null)
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
                .Select(o => new { o.Name, o.CreditCode, o.InvoiceContactEmail }).SingleAsync(ct);
            customer = new GatewayCustomer { OrganisationId = organisationId, CreatedAtUtc = Now };
            customer.Request = GatewayDrafts.Write(new CustomerDraft($"customer-{customer.Key:N}", organisationId, organisation.Name, organisation.InvoiceContactEmail, organisation.CreditCode));
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
        if (customer.Request is null)
        {
            // A row from before requests were kept: fixed now, once.
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
                .Select(o => new { o.Name, o.CreditCode, o.InvoiceContactEmail }).SingleAsync(ct);
            customer.Request = GatewayDrafts.Write(new CustomerDraft($"customer-{customer.Key:N}", organisationId, organisation.Name, organisation.InvoiceContactEmail, organisation.CreditCode));
            await db.SaveChangesAsync(ct);
        }
        var id = await gateway.CreateCustomerAsync(GatewayDrafts.Read<CustomerDraft>(customer.Request), ct);
        await db.GatewayCustomers.Where(c => c.OrganisationId == organisationId && c.CustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, id), ct);
        return id;
    }

    private Task<PaymentRequest> RequestAsync(PaymentOutboxMessage message, CancellationToken ct) =>
        db.PaymentRequests.Include(r => r.Purchase).FirstAsync(r => r.Id == message.PaymentRequestId, ct);

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

/// <summary>How long a person waits on a page for the gateway's answer before the background job takes over.</summary>
public sealed record PaymentOutboxSettings(TimeSpan PageWait)
{
    public static readonly PaymentOutboxSettings Default = new(TimeSpan.FromSeconds(8));
}
