namespace Storefront.Core.Ordering;

/// <summary>
/// Where an order stands (DESIGN.md): PendingApproval → Approved → Paid → Shipped (possibly partly) → Received →
/// Completed, with Cancelled branching off before payment and Refunded (whole) after it; a refund in part leaves the state
/// as it was (the payment view shows it).
/// </summary>
public enum OrderStatus
{
    /// <summary>At or above the organisation's threshold: waits for an approver of the same organisation.</summary>
    PendingApproval = 1,
    /// <summary>Going on to payment: stock is reserved; the supplier may accept or decline.</summary>
    Approved = 2,
    /// <summary>Payment confirmed: the supplier ships.</summary>
    Paid = 3,
    /// <summary>At least one shipment is on its way to the buyer (the order may be shipped only in part).</summary>
    Shipped = 4,
    /// <summary>Every shipment so far is received (验收), but the supplier has more to ship.</summary>
    Received = 5,
    /// <summary>Everything ordered was shipped and every shipment received.</summary>
    Completed = 6,
    /// <summary>Cancelled by the buyer, rejected by an approver or declined by the supplier; reserved stock is released.</summary>
    Cancelled = 7,
    /// <summary>Paid, then refunded in whole (through Stripe or recorded); a part refund leaves the state unchanged.</summary>
    Refunded = 8,
}

/// <summary>Who ended an order before payment, and so how it reads in the history.</summary>
public enum CancellationKind
{
    CancelledByBuyer = 1,
    RejectedByApprover = 2,
    DeclinedBySupplier = 3,
}

/// <summary>The one table of legal moves between order states; everything else is refused.</summary>
public static class OrderTransitions
{
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Allowed =
    [
        (OrderStatus.PendingApproval, OrderStatus.Approved),
        (OrderStatus.PendingApproval, OrderStatus.Cancelled),
        (OrderStatus.Approved, OrderStatus.Paid),
        (OrderStatus.Approved, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Shipped),
        // A partial shipment received, then the rest shipped.
        (OrderStatus.Shipped, OrderStatus.Received),
        (OrderStatus.Received, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Completed),
        // Money given back in whole, at any point after payment.
        (OrderStatus.Paid, OrderStatus.Refunded),
        (OrderStatus.Shipped, OrderStatus.Refunded),
        (OrderStatus.Received, OrderStatus.Refunded),
        (OrderStatus.Completed, OrderStatus.Refunded),
    ];

    public static bool IsAllowed(OrderStatus from, OrderStatus to) => Allowed.Contains((from, to));

    /// <summary>A paid order is no longer cancelled but refunded (<see cref="MayRefund"/>).</summary>
    public static bool MayCancel(OrderStatus status) => IsAllowed(status, OrderStatus.Cancelled);

    /// <summary>States in which money was received and some of it may be given back.</summary>
    public static bool MayRefund(OrderStatus status) => IsAllowed(status, OrderStatus.Refunded);

    /// <summary>States in which the supplier may ship (more).</summary>
    public static bool MayShip(OrderStatus status) => status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Received;

    /// <summary>States in which stock is held for the order.</summary>
    public static bool HoldsStock(OrderStatus status) => status is not (OrderStatus.PendingApproval or OrderStatus.Cancelled or OrderStatus.Refunded);
}

/// <summary>A move between order states that the table refuses.</summary>
public sealed class IllegalTransitionException(OrderStatus from, OrderStatus to)
    : InvalidOperationException($"An order cannot go from {from} to {to}.")
{
    public OrderStatus From { get; } = from;
    public OrderStatus To { get; } = to;
}
