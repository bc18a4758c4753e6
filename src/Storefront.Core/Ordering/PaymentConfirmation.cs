using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Notifications;
using Storefront.Core.Quotas;
using Storefront.Core.Regions;

namespace Storefront.Core.Ordering;

/// <summary>
/// Confirms a payment for a purchase: the one moment its approved orders become Paid and count towards the
/// organisation's quota (DESIGN.md rule 2). The payment, the orders' new state and one quota entry per order and
/// origin county are saved in one transaction; the payment's reference is unique per purchase and method, and each
/// entry's source key is derived from the payment and the order, so confirming the same payment again (a replayed
/// webhook, an admin's second click) changes nothing. Used for bank transfers recorded by admins and for payments the
/// gateway confirms (<see cref="Payments.PaymentRequests"/>), which name the orders they cover.
/// </summary>
public sealed class PaymentConfirmation(StorefrontDbContext db, QuotaLedger ledger, Notifier notifier, TimeProvider clock)
{
    public sealed record Request(
        long PurchaseId,
        PaymentMethod Method,
        long AmountFen,
        DateTime PaidAtUtc,
        string Reference,
        string? RecordedByUserId,
        string RecordedByName,
        string? Note = null,
        // The orders the payment covers (a payment request's); null for all the purchase's approved orders.
        IReadOnlyCollection<long>? OrderIds = null);

    public enum Outcome
    {
        Confirmed,
        /// <summary>This payment was confirmed before: nothing changed.</summary>
        AlreadyConfirmed,
        NotFound,
        /// <summary>No order of the purchase waits for payment (none approved, or all paid already).</summary>
        NothingDue,
        /// <summary>The amount is not what the approved orders come to; nothing changed.</summary>
        AmountMismatch,
        ReferenceRequired,
        /// <summary>An order changed meanwhile (cancelled, paid by another payment): nothing changed; try again.</summary>
        Conflict,
    }

    public sealed record Result(Outcome Outcome, Payment? Payment, long DueFen);

    /// <summary>
    /// What the purchase owes now: its approved orders that are not yet paid. Orders still waiting for approval are
    /// paid once approved, by a later payment.
    /// </summary>
    public static long DueFen(Purchase purchase) => purchase.Orders.Where(o => o.Status == OrderStatus.Approved).Sum(o => o.TotalFen);

    /// <summary>
    /// Confirms and saves the payment, together with whatever the caller added to the unit of work (an audit entry) and
    /// whatever <paramref name="alsoWithPayment"/> does once the payment has its id, all in one transaction.
    /// </summary>
    public async Task<Result> ConfirmAsync(Request request, CancellationToken ct = default, Func<Payment, Task>? alsoWithPayment = null)
    {
        var reference = request.Reference?.Trim() ?? "";
        if (reference.Length == 0 || reference.Length > Payment.ReferenceMaxLength) return new(Outcome.ReferenceRequired, null, 0);
        if (await FindAsync(request.PurchaseId, request.Method, reference, ct) is { } before) return new(Outcome.AlreadyConfirmed, before, 0);

        var purchase = await db.Purchases
            .Include(p => p.Orders).ThenInclude(o => o.Lines)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == request.PurchaseId, ct);
        if (purchase is null) return new(Outcome.NotFound, null, 0);
        var due = purchase.Orders.Where(o => o.Status == OrderStatus.Approved && (request.OrderIds is null || request.OrderIds.Contains(o.Id))).ToList();
        var dueFen = due.Sum(o => o.TotalFen);
        if (due.Count == 0) return new(Outcome.NothingDue, null, 0);
        // Orders named by the payment that are no longer due (paid otherwise meanwhile) make it another amount.
        if (request.OrderIds is not null && due.Count != request.OrderIds.Count) return new(Outcome.AmountMismatch, null, dueFen);
        if (request.AmountFen != dueFen) return new(Outcome.AmountMismatch, null, dueFen);

        var paidAt = DateTime.SpecifyKind(request.PaidAtUtc, DateTimeKind.Utc);
        var payment = new Payment
        {
            PurchaseId = purchase.Id,
            Method = request.Method,
            AmountFen = request.AmountFen,
            PaidAtUtc = paidAt,
            Reference = reference,
            Note = request.Note.TrimmedOrNull(),
            RecordedByUserId = request.RecordedByUserId,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            await PayAsync(purchase, due, payment, request.RecordedByName, ct);
            if (alsoWithPayment is not null) await alsoWithPayment(payment);
            return true;
        }, ct, isDuplicate: async () => await FindAsync(request.PurchaseId, request.Method, reference, ct) is not null);

        return ending switch
        {
            OrderingTransaction.Ending.Committed => new(Outcome.Confirmed, payment, dueFen),
            OrderingTransaction.Ending.Duplicate => new(Outcome.AlreadyConfirmed, await FindAsync(request.PurchaseId, request.Method, reference, ct), 0),
            _ => new(Outcome.Conflict, null, dueFen),
        };
    }

    /// <summary>
    /// Within the caller's transaction: saves the payment, makes <paramref name="due"/> Paid and appends their quota
    /// entries (one per order and origin county designated at the moment of payment), and tells their suppliers.
    /// </summary>
    internal async Task PayAsync(Purchase purchase, IReadOnlyList<Order> due, Payment payment, string recordedByName, CancellationToken ct)
    {
        var counties = due.SelectMany(o => o.Lines).Select(l => l.OriginCountyCode).Distinct().ToList();
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        // Only produce of counties designated at the moment of payment counts.
        var designated = (await db.DesignatedCounties.Current().Where(c => counties.Contains(c.CountyCode)).Select(c => c.CountyCode).ToListAsync(ct)).ToHashSet();
        foreach (var order in due)
        {
            order.MarkPaid(payment.Id, payment.PaidAtUtc);
            // The method's name, not words: the order's history puts it in the reader's language.
            order.Record(OrderEventKind.PaymentConfirmed, payment.RecordedByUserId, recordedByName, payment.RecordedAtUtc,
                $"{payment.Method} {payment.Reference}");
            foreach (var county in order.Lines.Where(l => designated.Contains(l.OriginCountyCode)).GroupBy(l => l.OriginCountyCode))
            {
                await ledger.AppendAsync(new QuotaLedger.Draft(
                    purchase.OrganisationId,
                    QuotaEntryKind.PaymentConfirmed,
                    county.Sum(l => l.AmountFen),
                    payment.PaidAtUtc,
                    SourceKey(payment.Id, order.Id, county.Key),
                    SupplierId: order.SupplierId,
                    CountyCode: county.Key,
                    OrderId: order.Id,
                    Reference: order.Number,
                    RecordedByUserId: payment.RecordedByUserId), ct);
            }
            notifier.Notify(await notifier.SupplierMembersAsync(order.SupplierId, ct), NotificationKind.OrderToShip, order.Number, OrderWorkflow.SupplierLink(order));
        }
    }

    public static string SourceKey(long paymentId, long orderId, string countyCode) => $"payment:{paymentId}:order:{orderId}:county:{countyCode}";

    private Task<Payment?> FindAsync(long purchaseId, PaymentMethod method, string reference, CancellationToken ct) =>
        db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.PurchaseId == purchaseId && p.Method == method && p.Reference == reference, ct);
}
