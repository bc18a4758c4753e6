using Storefront.Core.Ordering;

namespace Storefront.Core.Payments;

public enum RefundVia
{
    /// <summary>Given back through the gateway that took the money (card or invoice).</summary>
    Gateway = 1,
    /// <summary>Given back outside the shop (a bank transfer) and recorded here.</summary>
    Recorded = 2,
}

public enum RefundStatus { Pending = 1, Succeeded = 2, Failed = 3 }

/// <summary>
/// Money given back for one order, in whole or in part, with a reason. It counts against the quota once, when it
/// succeeds, in the year it is made (the ledger's source keys are derived from its id). <see cref="Key"/> is the stem
/// of the gateway call's idempotency key.
/// </summary>
public class Refund
{
    public const int ReasonMaxLength = 500;

    public long Id { get; private set; }
    public Guid Key { get; init; } = Guid.NewGuid();
    public long OrderId { get; init; }
    public Order Order { get; private set; } = null!;
    public long PaymentId { get; init; }
    public long AmountFen { get; init; }
    public required string Reason { get; init; }
    public RefundVia Via { get; init; }
    public RefundStatus Status { get; private set; } = RefundStatus.Pending;
    public string? GatewayRefundId { get; private set; }
    public string? RequestedByUserId { get; init; }
    public required string RequestedByName { get; init; }
    public DateTime RequestedAtUtc { get; init; }
    /// <summary>When the money went back: decides the year the refund counts in.</summary>
    public DateTime? CompletedAtUtc { get; private set; }
    public string? FailureMessage { get; private set; }
    /// <summary>When the gateway said a refund that had succeeded failed after all (the money came back to us); null otherwise.</summary>
    public DateTime? ReversedAtUtc { get; private set; }
    /// <summary>What the order's earlier refunds had given back when this one succeeded: the base of its county split.</summary>
    public long RefundedBeforeFen { get; private set; }
    public int Version { get; private set; } = 1;

    internal void Succeeded(string? gatewayRefundId, DateTime atUtc, long refundedBeforeFen)
    {
        Status = RefundStatus.Succeeded;
        RefundedBeforeFen = refundedBeforeFen;
        GatewayRefundId ??= gatewayRefundId;
        CompletedAtUtc = atUtc;
        Version++;
    }

    internal void Failed(string? gatewayRefundId, string? message, DateTime atUtc)
    {
        Status = RefundStatus.Failed;
        GatewayRefundId ??= gatewayRefundId;
        FailureMessage = message is { Length: > PaymentRequest.FailureMaxLength } ? message[..PaymentRequest.FailureMaxLength] : message;
        CompletedAtUtc = atUtc;
        Version++;
    }

    /// <summary>The gateway reports that a refund that succeeded failed: it no longer counts, its success time is kept.</summary>
    internal void Reversed(string? message, DateTime atUtc)
    {
        Status = RefundStatus.Failed;
        FailureMessage = message is { Length: > PaymentRequest.FailureMaxLength } ? message[..PaymentRequest.FailureMaxLength] : message;
        ReversedAtUtc = atUtc;
        Version++;
    }

    internal void GatewayKnows(string gatewayRefundId)
    {
        if (GatewayRefundId is not null) return;
        GatewayRefundId = gatewayRefundId;
        Version++;
    }
}
