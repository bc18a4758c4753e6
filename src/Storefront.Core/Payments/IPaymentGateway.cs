namespace Storefront.Core.Payments;

/// <summary>
/// The payment gateway as the shop needs it (Stripe in production; see Storefront.Web/Payments). Every call that
/// creates something carries an idempotency key derived from our own record, so a call repeated after a fault creates
/// nothing new. Amounts are fen, the currency is always CNY. With no keys configured the gateway is
/// <see cref="OfflinePaymentGateway"/>: nothing is sent, and payments are bank transfers recorded by admins.
/// </summary>
public interface IPaymentGateway
{
    bool IsConfigured { get; }
    Task<GatewayCheckout> CreateCheckoutAsync(CheckoutDraft draft, CancellationToken ct);
    /// <summary>Closes an open card page at the gateway, so that nobody can pay what the shop gave up on.</summary>
    Task ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken ct);
    Task<string> CreateCustomerAsync(CustomerDraft draft, CancellationToken ct);
    /// <summary>Creates the invoice with one item per line, finalises it and sends it to the customer.</summary>
    Task<GatewayInvoice> CreateInvoiceAsync(InvoiceDraft draft, CancellationToken ct);
    Task VoidInvoiceAsync(string invoiceId, CancellationToken ct);
    Task<GatewayRefund> CreateRefundAsync(RefundDraft draft, CancellationToken ct);
}

/// <summary>One order line as the gateway shows it: the unit price times the quantity is the amount.</summary>
public sealed record GatewayLine(string Name, long UnitAmountFen, int Quantity, long AmountFen);

/// <summary>
/// A hosted card payment page. The return URLs are absolute, on the shop's configured public address. The request's key
/// goes into the gateway object's metadata, so that its events find the request whatever else they lack. A draft is
/// fixed when its outbox message is written and sent as it is on every attempt: the gateway refuses a repeated key
/// with other parameters.
/// </summary>
public sealed record CheckoutDraft(
    string IdempotencyKey, string RequestKey, string PurchaseNumber, IReadOnlyList<GatewayLine> Lines,
    string SuccessUrl, string CancelUrl, DateTime ExpiresAtUtc);

public sealed record GatewayCheckout(string Id, string Url, DateTime? ExpiresAtUtc);

public sealed record CustomerDraft(string IdempotencyKey, int OrganisationId, string Name, string? Email, string CreditCode);

/// <summary>An invoice as written into the outbox; <see cref="CustomerId"/> is the organisation's customer, known at sending.</summary>
public sealed record InvoiceDraft(
    string IdempotencyKey, string RequestKey, string CustomerId, int DaysUntilDue, string Description, IReadOnlyList<GatewayLine> Lines);

public sealed record GatewayInvoice(string Id, string? HostedUrl, string? PdfUrl, DateTime? DueAtUtc);

/// <summary>A refund of a payment made through the gateway: by its payment intent, or found through its invoice.</summary>
public sealed record RefundDraft(string IdempotencyKey, string RefundKey, string? PaymentIntentId, string? InvoiceId, long AmountFen, string Reason);

public enum GatewayRefundStatus { Pending = 1, Succeeded = 2, Failed = 3 }

public sealed record GatewayRefund(string Id, GatewayRefundStatus Status, string? FailureMessage);

/// <summary>A call the gateway refused or could not answer. Permanent: retrying the same call cannot succeed.</summary>
public sealed class PaymentGatewayException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>No gateway (no keys): the shop offers bank transfer only, recorded by admins.</summary>
public sealed class OfflinePaymentGateway : IPaymentGateway
{
    public bool IsConfigured => false;

    private static InvalidOperationException Offline() => new("No payment gateway is configured.");

    public Task<GatewayCheckout> CreateCheckoutAsync(CheckoutDraft draft, CancellationToken ct) => throw Offline();
    public Task ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken ct) => throw Offline();
    public Task<string> CreateCustomerAsync(CustomerDraft draft, CancellationToken ct) => throw Offline();
    public Task<GatewayInvoice> CreateInvoiceAsync(InvoiceDraft draft, CancellationToken ct) => throw Offline();
    public Task VoidInvoiceAsync(string invoiceId, CancellationToken ct) => throw Offline();
    public Task<GatewayRefund> CreateRefundAsync(RefundDraft draft, CancellationToken ct) => throw Offline();
}
