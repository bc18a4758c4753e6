using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Ordering;

/// <summary>
/// The part of a purchase that one supplier fulfils. Its state moves only through <see cref="MoveTo"/>, by the table of
/// <see cref="OrderTransitions"/>; <see cref="Version"/> is the concurrency token, so two people acting on the same
/// order at once cannot both succeed.
/// </summary>
public class Order
{
    public const int ReasonMaxLength = 1000;

    public long Id { get; private set; }
    public long PurchaseId { get; private set; }
    public Purchase Purchase { get; private set; } = null!;
    /// <summary>The purchase's organisation, repeated here so that every order query can be scoped by it.</summary>
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public int SupplierId { get; init; }
    public Supplier Supplier { get; private set; } = null!;
    /// <summary>1, 2, … within the purchase.</summary>
    public int Sequence { get; init; }
    public string Number { get; internal set; } = "";

    public OrderStatus Status { get; private set; }
    public int Version { get; private set; } = 1;
    public long TotalFen { get; init; }
    public DateTime CreatedAtUtc { get; init; }

    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovedByUserId { get; private set; }
    public DateTime? StockReservedAtUtc { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }
    public long? PaymentId { get; private set; }
    public DateTime? PaidAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }
    public CancellationKind? Cancellation { get; private set; }
    public string? CancellationReason { get; private set; }

    public List<OrderLine> Lines { get; private set; } = [];
    public List<Shipment> Shipments { get; private set; } = [];
    public List<OrderEvent> Events { get; private set; } = [];

    public static Order Create(int organisationId, int supplierId, int sequence, IReadOnlyList<OrderLine> lines, bool needsApproval, DateTime nowUtc)
    {
        var order = new Order
        {
            OrganisationId = organisationId,
            SupplierId = supplierId,
            Sequence = sequence,
            TotalFen = lines.Sum(l => l.AmountFen),
            CreatedAtUtc = nowUtc,
            Status = needsApproval ? OrderStatus.PendingApproval : OrderStatus.Approved,
        };
        order.Lines.AddRange(lines);
        if (!needsApproval) order.ApprovedAtUtc = nowUtc;
        return order;
    }

    /// <summary>The one way the state changes: refuses (throws) any move the table does not allow.</summary>
    public void MoveTo(OrderStatus to)
    {
        if (!OrderTransitions.IsAllowed(Status, to)) throw new IllegalTransitionException(Status, to);
        Status = to;
        Version++;
    }

    internal void Approve(string approverUserId, DateTime nowUtc)
    {
        MoveTo(OrderStatus.Approved);
        ApprovedAtUtc = nowUtc;
        ApprovedByUserId = approverUserId;
    }

    /// <summary>A new order that looked small enough alone, but with the spend it is split from needs an approver.</summary>
    internal void RequireApproval()
    {
        if (Id != 0 || Status != OrderStatus.Approved || ApprovedByUserId is not null)
            throw new InvalidOperationException("Only an order being placed without approval can be sent for approval instead.");
        Status = OrderStatus.PendingApproval;
        ApprovedAtUtc = null;
    }

    internal void MarkStockReserved(DateTime nowUtc) => StockReservedAtUtc = nowUtc;

    internal void MarkStockReleased() => StockReservedAtUtc = null;

    internal void Accept(DateTime nowUtc) => AcceptedAtUtc = nowUtc;

    internal void MarkPaid(long paymentId, DateTime paidAtUtc)
    {
        MoveTo(OrderStatus.Paid);
        PaymentId = paymentId;
        PaidAtUtc = paidAtUtc;
    }

    /// <summary>Raises the version without a step in the history: a payment request now covers the order.</summary>
    internal void Touch() => Version++;

    internal void Cancel(CancellationKind kind, string? reason, DateTime nowUtc)
    {
        MoveTo(OrderStatus.Cancelled);
        Cancellation = kind;
        CancellationReason = reason.TrimmedOrNull();
        CancelledAtUtc = nowUtc;
    }

    /// <summary>Units of a line shipped so far, over all shipments.</summary>
    public int ShippedQuantity(long orderLineId) =>
        Shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == orderLineId).Sum(l => l.Quantity);

    /// <summary>
    /// The value of what was delivered but not accepted, at the order's unit prices (the tier the ordered quantity
    /// reached; a shortfall does not re-price the rest). It is a record for the buyer and the supplier, not a payment.
    /// </summary>
    public long ShortfallFen => Shipments.Where(s => s.Receipt is not null)
        .SelectMany(s => s.Lines.Select(l => (Line: l, Accepted: s.Receipt!.Lines.First(r => r.ShipmentLineId == l.Id).AcceptedQuantity)))
        .Sum(x => (x.Line.Quantity - x.Accepted) * Lines.First(o => o.Id == x.Line.OrderLineId).UnitPriceFen);

    public bool IsFullyShipped => Lines.All(l => ShippedQuantity(l.Id) >= l.Quantity);

    /// <summary>After a shipment or a receipt: Shipped while anything shipped awaits receipt, else Received or Completed.</summary>
    internal void SettleFulfilment(DateTime nowUtc)
    {
        var target = Shipments.Any(s => s.Receipt is null) ? OrderStatus.Shipped
            : IsFullyShipped ? OrderStatus.Completed
            : OrderStatus.Received;
        if (target == Status) return;
        MoveTo(target);
        if (target == OrderStatus.Completed) CompletedAtUtc = nowUtc;
    }

    /// <summary>Writes a step to the history; every step raises the version, so two steps at once cannot both be saved.</summary>
    internal void Record(OrderEventKind kind, string? actorUserId, string actorName, DateTime nowUtc, string? note = null)
    {
        Version++;
        Events.Add(new OrderEvent { Kind = kind, ActorUserId = actorUserId, ActorName = actorName, AtUtc = nowUtc, Note = note.TrimmedOrNull() });
    }
}

/// <summary>What was bought, as it was at checkout: the listing may change or go, the order does not.</summary>
public class OrderLine
{
    public long Id { get; private set; }
    /// <summary>Set by EF when the line is saved with its order, or by checkout when it inserts the lines in bulk.</summary>
    public long OrderId { get; internal set; }
    public int ListingId { get; init; }
    public required string Title { get; init; }
    public required string Unit { get; init; }
    public required string Spec { get; init; }
    public required string OriginCountyCode { get; init; }
    public Regions.AdministrativeDivision OriginCounty { get; private set; } = null!;
    /// <summary>The unit price of the tier the quantity reached.</summary>
    public long UnitPriceFen { get; init; }
    public int Quantity { get; init; }
    public long AmountFen { get; init; }
}

public enum OrderEventKind
{
    Submitted = 1,
    Approved = 2,
    Rejected = 3,
    PaymentConfirmed = 4,
    Accepted = 5,
    Declined = 6,
    Shipped = 7,
    Received = 8,
    Completed = 9,
    Cancelled = 10,
    /// <summary>Below the organisation's threshold: the order went straight on to payment.</summary>
    NoApprovalNeeded = 11,
    /// <summary>An invoice for the order was requested from the payment gateway.</summary>
    InvoiceRequested = 12,
    /// <summary>A refund was asked for (through the gateway, it completes when the gateway confirms it).</summary>
    RefundRequested = 13,
    /// <summary>Money was given back: counted against the quota in the year made.</summary>
    Refunded = 14,
    RefundFailed = 15,
    /// <summary>The gateway reported a failed attempt to pay (the invoice or card payment stays open).</summary>
    PaymentFailed = 16,
    /// <summary>The buyer requested the order's fapiao (or changed the request).</summary>
    FapiaoRequested = 30,
    /// <summary>The supplier recorded a fapiao it issued for the order, with its file.</summary>
    FapiaoIssued = 31,
    /// <summary>The supplier recorded a red-letter fapiao (红冲) reversing one it issued.</summary>
    FapiaoReversed = 32,
}

/// <summary>One step in an order's history: who did what, when, and what they said.</summary>
public class OrderEvent
{
    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public OrderEventKind Kind { get; init; }
    public DateTime AtUtc { get; init; }
    public string? ActorUserId { get; init; }
    public required string ActorName { get; init; }
    public string? Note { get; init; }
}
