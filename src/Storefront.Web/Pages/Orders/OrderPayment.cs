using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;

namespace Storefront.Web.Pages.Orders;

/// <summary>Where an order's money stands, as its pages say it.</summary>
public enum PaymentState
{
    /// <summary>Not yet due: waiting for approval, or cancelled before payment.</summary>
    NotDue,
    AwaitingPayment,
    /// <summary>An invoice is out and not yet due.</summary>
    Invoiced,
    Overdue,
    /// <summary>An attempt to pay failed; the card page or invoice is still open.</summary>
    Failed,
    Paid,
    PartlyRefunded,
    Refunded,
    /// <summary>Bank transfers have paid part of the order; it is paid when they cover its total.</summary>
    PartlyPaid,
}

/// <summary>
/// An order's payment: how it was paid (or is asked for), the gateway's pages (card page, hosted invoice and its
/// PDF), and its refunds. Loaded in three small queries for the order pages of buyers, suppliers and admins.
/// </summary>
public sealed record OrderPayment(
    long OrderId, OrderStatus Status, long TotalFen, PaymentMethod? Method, string? Reference, DateTime? PaidAtUtc,
    IReadOnlyList<OrderPayment.RequestRow> Requests, IReadOnlyList<OrderPayment.RefundRow> Refunds, DateTime NowUtc, long ReceivedByTransferFen = 0)
{
    /// <summary>What the order still owes while bank transfers pay it in parts.</summary>
    public long OwedFen => PaidAtUtc is null && Status == OrderStatus.Approved ? TotalFen - ReceivedByTransferFen : 0;

    public sealed record RequestRow(long Id, PaymentRequestKind Kind, PaymentRequestStatus Status, long AmountFen, string? Url, string? PdfUrl,
        DateTime? DueAtUtc, DateTime? LastFailureAtUtc, string? LastFailure, DateTime CreatedAtUtc)
    {
        public bool IsOpen => Status is PaymentRequestStatus.Pending or PaymentRequestStatus.Open;
    }

    public sealed record RefundRow(long Id, long AmountFen, string Reason, RefundVia Via, RefundStatus Status, string RequestedByName,
        DateTime RequestedAtUtc, DateTime? CompletedAtUtc, string? FailureMessage);

    public long RefundedFen => Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.AmountFen);
    public long RefundableFen => TotalFen - Refunds.Where(r => r.Status != RefundStatus.Failed).Sum(r => r.AmountFen);
    public RequestRow? OpenRequest => Requests.FirstOrDefault(r => r.IsOpen);
    public bool MayRefund => OrderTransitions.MayRefund(Status) && RefundableFen > 0;

    public PaymentState State
    {
        get
        {
            if (Status == OrderStatus.Refunded) return PaymentState.Refunded;
            if (PaidAtUtc is not null) return RefundedFen > 0 ? PaymentState.PartlyRefunded : PaymentState.Paid;
            if (Status != OrderStatus.Approved) return PaymentState.NotDue;
            if (OpenRequest is not { } open) return ReceivedByTransferFen > 0 ? PaymentState.PartlyPaid : PaymentState.AwaitingPayment;
            if (open.LastFailureAtUtc is not null) return PaymentState.Failed;
            if (open.Kind == PaymentRequestKind.Invoice && open.DueAtUtc is { } due) return due < NowUtc ? PaymentState.Overdue : PaymentState.Invoiced;
            return PaymentState.AwaitingPayment;
        }
    }

    public static async Task<OrderPayment> LoadAsync(StorefrontDbContext db, long orderId, DateTime nowUtc, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new
        {
            o.Status, o.TotalFen, o.PaidAtUtc,
            Payment = db.Payments.Where(p => p.Id == o.PaymentId).Select(p => new { p.Method, p.Reference }).FirstOrDefault(),
        }).SingleAsync(ct);
        var requests = await db.PaymentRequests.AsNoTracking()
            .Where(r => r.Orders.Any(x => x.OrderId == orderId))
            .OrderByDescending(r => r.Id)
            .Select(r => new RequestRow(r.Id, r.Kind, r.Status, r.AmountFen, r.Url, r.PdfUrl, r.DueAtUtc, r.LastFailureAtUtc, r.LastFailure, r.CreatedAtUtc))
            .ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.Id)
            .Select(r => new RefundRow(r.Id, r.AmountFen, r.Reason, r.Via, r.Status, r.RequestedByName, r.RequestedAtUtc, r.CompletedAtUtc, r.FailureMessage))
            .ToListAsync(ct);
        var received = await db.BankTransferShares.Where(s => s.OrderId == orderId).SumAsync(s => (long?)s.AmountFen, ct) ?? 0;
        return new OrderPayment(orderId, order.Status, order.TotalFen, order.Payment?.Method, order.Payment?.Reference, order.PaidAtUtc, requests, refunds, nowUtc, received);
    }
}

/// <summary>What the payment partial shows, and whether this reader may refund (admins, the order's supplier).</summary>
public sealed record PaymentPanel(OrderPayment Payment, bool CanRefund);
