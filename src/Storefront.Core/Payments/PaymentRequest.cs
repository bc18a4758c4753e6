using Storefront.Core.Ordering;

namespace Storefront.Core.Payments;

public enum PaymentRequestKind
{
    /// <summary>A hosted card payment page (Stripe Checkout), paid at once.</summary>
    Card = 1,
    /// <summary>An invoice to the organisation, due after its payment term.</summary>
    Invoice = 2,
}

public enum PaymentRequestStatus
{
    /// <summary>Recorded here; not yet created at the gateway (the outbox sends it).</summary>
    Pending = 1,
    /// <summary>Created at the gateway and waiting for the money.</summary>
    Open = 2,
    Paid = 3,
    /// <summary>The card page expired or was abandoned unpaid.</summary>
    Expired = 4,
    /// <summary>The invoice was voided unpaid.</summary>
    Voided = 5,
    /// <summary>The gateway refused to create it; nothing can be paid through it.</summary>
    Failed = 6,
}

/// <summary>
/// One request for money through the gateway, for a fixed set of a purchase's approved orders and their amount as
/// the server computed it. While it is open its orders cannot be cancelled or declined (cancel the request first),
/// so the money it brings always finds the orders it was asked for. <see cref="Key"/> is the stem of the idempotency
/// keys of every call made for it; <see cref="Version"/> stops two deliveries changing it at once.
/// </summary>
public class PaymentRequest
{
    public const int GatewayIdMaxLength = 255;
    public const int UrlMaxLength = 2000;
    public const int FailureMaxLength = 500;
    /// <summary>A card page lives this long; Stripe allows 30 minutes to 24 hours.</summary>
    public static readonly TimeSpan CardLifetime = TimeSpan.FromHours(1);

    public long Id { get; private set; }
    public Guid Key { get; init; } = Guid.NewGuid();
    public long PurchaseId { get; init; }
    public Purchase Purchase { get; private set; } = null!;
    public PaymentRequestKind Kind { get; init; }
    public PaymentRequestStatus Status { get; private set; } = PaymentRequestStatus.Pending;
    public long AmountFen { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public string? CreatedByUserId { get; init; }

    /// <summary>The gateway's object: a Checkout Session (cs_…) or an invoice (in_…).</summary>
    public string? GatewayId { get; private set; }
    public string? CustomerId { get; private set; }
    public string? PaymentIntentId { get; private set; }
    /// <summary>The card payment page, or the invoice's hosted page.</summary>
    public string? Url { get; private set; }
    public string? PdfUrl { get; private set; }
    public DateTime? ExpiresAtUtc { get; private set; }
    public DateTime? DueAtUtc { get; private set; }
    public DateTime? LastFailureAtUtc { get; private set; }
    public string? LastFailure { get; private set; }
    public long? PaymentId { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public int Version { get; private set; } = 1;

    public List<PaymentRequestOrder> Orders { get; private set; } = [];

    public bool IsOpen => Status is PaymentRequestStatus.Pending or PaymentRequestStatus.Open;

    public PaymentMethod Method => Kind == PaymentRequestKind.Card ? PaymentMethod.Card : PaymentMethod.Invoice;

    /// <summary>The payment's reference: the gateway's object (known before anyone can pay), else our own key.</summary>
    public string Reference => GatewayId ?? Key.ToString("N");

    public bool IsOverdue(DateTime nowUtc) => IsOpen && DueAtUtc is { } due && due < nowUtc;

    /// <summary>What the gateway answered when it was created; later news (a paid invoice) is never undone by it.</summary>
    internal void Created(string gatewayId, string? url, string? pdfUrl, DateTime? expiresAtUtc, DateTime? dueAtUtc, string? customerId)
    {
        GatewayId ??= gatewayId;
        Url ??= url;
        PdfUrl ??= pdfUrl;
        ExpiresAtUtc ??= expiresAtUtc;
        DueAtUtc ??= dueAtUtc;
        CustomerId ??= customerId;
        if (Status == PaymentRequestStatus.Pending) Status = PaymentRequestStatus.Open;
        Version++;
    }

    internal void Finalized(string gatewayId, string? url, string? pdfUrl, DateTime? dueAtUtc) => Created(gatewayId, url, pdfUrl, null, dueAtUtc, null);

    internal void Paid(long paymentId, string? paymentIntentId, DateTime nowUtc)
    {
        Status = PaymentRequestStatus.Paid;
        PaymentId = paymentId;
        PaymentIntentId ??= paymentIntentId;
        ClosedAtUtc ??= nowUtc;
        Version++;
    }

    internal void AttemptFailed(string? message, DateTime nowUtc)
    {
        LastFailureAtUtc = nowUtc;
        LastFailure = Truncate(message ?? "");
        Version++;
    }

    /// <summary>Closes an unpaid request (expired, voided, refused); a paid one stays paid whatever arrives later.</summary>
    internal bool Close(PaymentRequestStatus status, DateTime nowUtc, string? failure = null)
    {
        if (!IsOpen) return false;
        Status = status;
        ClosedAtUtc = nowUtc;
        if (failure is not null) LastFailure = Truncate(failure);
        Version++;
        return true;
    }

    internal void PaymentIntentKnown(string paymentIntentId)
    {
        if (PaymentIntentId is not null) return;
        PaymentIntentId = paymentIntentId;
        Version++;
    }

    private static string Truncate(string text) => text.Length <= FailureMaxLength ? text : text[..FailureMaxLength];
}

/// <summary>An order a payment request covers.</summary>
public class PaymentRequestOrder
{
    public long PaymentRequestId { get; init; }
    public long OrderId { get; init; }
    public Order Order { get; private set; } = null!;
}

/// <summary>The gateway's customer for an organisation: created once, on its first invoice, and reused.</summary>
public class GatewayCustomer
{
    public int OrganisationId { get; init; }
    public Guid Key { get; init; } = Guid.NewGuid();
    public string? CustomerId { get; set; }
    public DateTime CreatedAtUtc { get; init; }
    /// <summary>The customer as first asked for (JSON): a retried creation sends it again, whatever changed since.</summary>
    public string? Request { get; set; }
}
