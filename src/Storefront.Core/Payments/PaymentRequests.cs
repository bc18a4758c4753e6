using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Settings;

namespace Storefront.Core.Payments;

/// <summary>
/// Asks for money through the gateway: a card payment page for a purchase's due orders, or an invoice. The request
/// and its outbox message are written in one transaction with the change that needs them (checkout, an approval, the
/// buyer's click); the outbox then creates it at the gateway. Amounts are the server's order totals, never the page's.
/// A purchase has at most one open card request: asking again returns it, so a retried checkout never opens a second.
/// </summary>
public sealed class PaymentRequests(StorefrontDbContext db, IPaymentGateway gateway, PublicAddress address, TimeProvider clock)
{
    public enum Outcome
    {
        Opened,
        /// <summary>An open request of that kind already covers the due orders: here it is again.</summary>
        AlreadyOpen,
        NothingDue,
        /// <summary>No gateway is configured: pay by bank transfer.</summary>
        Offline,
        /// <summary>An order changed meanwhile; nothing changed.</summary>
        Conflict,
    }

    public sealed record Result(Outcome Outcome, PaymentRequest? Request, long? MessageId);

    public bool IsEnabled => gateway.IsConfigured;

    /// <summary>Requests open for the orders: while one is, they may not be cancelled or declined.</summary>
    public Task<bool> CoversAsync(long orderId, CancellationToken ct = default) =>
        db.PaymentRequestOrders.AnyAsync(x => x.OrderId == orderId
            && db.PaymentRequests.Any(r => r.Id == x.PaymentRequestId && (r.Status == PaymentRequestStatus.Pending || r.Status == PaymentRequestStatus.Open)), ct);

    /// <summary>The purchase's approved orders that no open request covers: what a new request (or a bank transfer) pays.</summary>
    public static IQueryable<Order> Uncovered(StorefrontDbContext db, long purchaseId) =>
        db.Orders.Where(o => o.PurchaseId == purchaseId && o.Status == OrderStatus.Approved
            // An order partly paid by bank transfer is finished by transfer: the gateway would ask for its whole total.
            && !db.BankTransferShares.Any(s => s.OrderId == o.Id)
            && !db.PaymentRequestOrders.Any(x => x.OrderId == o.Id
                && db.PaymentRequests.Any(r => r.Id == x.PaymentRequestId && (r.Status == PaymentRequestStatus.Pending || r.Status == PaymentRequestStatus.Open))));

    /// <summary>
    /// Called inside the transaction in which orders become due (checkout, approval): a purchase paid by invoice gets
    /// its invoice for them. Returns the outbox message to send, if any.
    /// </summary>
    public async Task<PaymentOutboxMessage?> OrdersDueAsync(Purchase purchase, IReadOnlyList<Order> orders, string? userId, CancellationToken ct)
    {
        if (!gateway.IsConfigured || purchase.PaymentMethod != PaymentMethod.Invoice) return null;
        var due = orders.Where(o => o.Status == OrderStatus.Approved).ToList();
        if (due.Count == 0) return null;
        return await AddAsync(purchase.Id, PaymentRequestKind.Invoice, due, userId, ct);
    }

    /// <summary>The buyer pays the purchase's due orders by card or asks for an invoice for them.</summary>
    public async Task<Result> OpenAsync(long purchaseId, PaymentRequestKind kind, string? userId, CancellationToken ct = default)
    {
        if (!gateway.IsConfigured) return new(Outcome.Offline, null, null);
        var now = Now;
        var open = await db.PaymentRequests.Include(r => r.Orders)
            .Where(r => r.PurchaseId == purchaseId && r.Kind == kind && (r.Status == PaymentRequestStatus.Pending || r.Status == PaymentRequestStatus.Open))
            .OrderByDescending(r => r.Id).ToListAsync(ct);
        // A card page past its lifetime cannot be paid any more (the gateway's expiry event says so too).
        foreach (var stale in open.Where(r => r.Kind == PaymentRequestKind.Card && r.ExpiresAtUtc is { } at && at <= now)) stale.Close(PaymentRequestStatus.Expired, now);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);

        var uncovered = await Uncovered(db, purchaseId).ToListAsync(ct);
        if (uncovered.Count == 0)
        {
            var existing = open.FirstOrDefault(r => r.IsOpen);
            return existing is null ? new(Outcome.NothingDue, null, null) : new(Outcome.AlreadyOpen, existing, await PendingMessageAsync(existing.Id, ct));
        }
        if (kind == PaymentRequestKind.Card && open.FirstOrDefault(r => r.IsOpen) is { } card)
            // More came due after the card page was opened: that page pays what it was opened for, then the rest.
            return new(Outcome.AlreadyOpen, card, await PendingMessageAsync(card.Id, ct));

        PaymentOutboxMessage? message = null;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            message = await AddAsync(purchaseId, kind, uncovered, userId, ct);
            return true;
        }, ct);
        if (ending != OrderingTransaction.Ending.Committed) return new(Outcome.Conflict, null, null);
        return new(Outcome.Opened, await db.PaymentRequests.AsNoTracking().FirstAsync(r => r.Id == message!.PaymentRequestId, ct), message!.Id);
    }

    /// <summary>Closes an open card page (the buyer turned back) or voids an invoice (an admin): through the outbox.</summary>
    public async Task<long?> WithdrawAsync(long requestId, CancellationToken ct = default)
    {
        var request = await db.PaymentRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || !request.IsOpen || !gateway.IsConfigured) return null;
        if (request.GatewayId is null)
        {
            // Never created at the gateway: nobody can pay it, so it closes here (a late creation is expired by the outbox).
            request.Close(request.Kind == PaymentRequestKind.Card ? PaymentRequestStatus.Expired : PaymentRequestStatus.Voided, Now);
            await db.SaveChangesAsync(ct);
            return null;
        }
        var command = request.Kind == PaymentRequestKind.Card ? PaymentCommand.ExpireCheckout : PaymentCommand.VoidInvoice;
        var pending = await db.PaymentOutboxMessages.FirstOrDefaultAsync(m => m.PaymentRequestId == requestId && m.Command == command && m.DoneAtUtc == null && m.GaveUpAtUtc == null, ct);
        if (pending is not null) return pending.Id;
        var message = new PaymentOutboxMessage { Command = command, PaymentRequestId = requestId, CreatedAtUtc = Now, NextAttemptAtUtc = Now };
        db.PaymentOutboxMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return message.Id;
    }

    private async Task<PaymentOutboxMessage> AddAsync(long purchaseId, PaymentRequestKind kind, IReadOnlyList<Order> orders, string? userId, CancellationToken ct)
    {
        var now = Now;
        var request = new PaymentRequest
        {
            PurchaseId = purchaseId,
            Kind = kind,
            AmountFen = orders.Sum(o => o.TotalFen),
            CreatedAtUtc = now,
            CreatedByUserId = userId,
        };
        foreach (var order in orders)
        {
            request.Orders.Add(new PaymentRequestOrder { OrderId = order.Id });
            // Raises the version: a cancellation racing this request conflicts instead of slipping past it.
            if (kind == PaymentRequestKind.Invoice) order.Record(OrderEventKind.InvoiceRequested, userId, "", now);
            else order.Touch();
        }
        db.PaymentRequests.Add(request);
        await db.SaveChangesAsync(ct);
        // What the gateway receives is fixed here, in the transaction that asks for the money: the page's send and every
        // retry of the background job send these very parameters under the same key.
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == purchaseId).Select(p => new { p.Number, p.OrganisationId }).SingleAsync(ct);
        var message = new PaymentOutboxMessage
        {
            Command = kind == PaymentRequestKind.Card ? PaymentCommand.CreateCheckout : PaymentCommand.CreateInvoice,
            PaymentRequestId = request.Id,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
            Request = kind == PaymentRequestKind.Card
                ? GatewayDrafts.Write(await GatewayDrafts.CheckoutAsync(db, request, purchase.Number, address, ct))
                : GatewayDrafts.Write(await GatewayDrafts.InvoiceAsync(db, request, purchase.Number, purchase.OrganisationId, ct)),
        };
        db.PaymentOutboxMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return message;
    }

    private Task<long?> PendingMessageAsync(long requestId, CancellationToken ct) =>
        db.PaymentOutboxMessages.Where(m => m.PaymentRequestId == requestId && m.DoneAtUtc == null && m.GaveUpAtUtc == null)
            .Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
