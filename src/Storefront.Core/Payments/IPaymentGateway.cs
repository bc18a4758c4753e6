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
    Task ExpireCheckoutAsync(string checkoutId, CancellationToken ct);
    Task<string> CreateCustomerAsync(CustomerDraft draft, CancellationToken ct);
    /// <summary>Creates the invoice with one item per line, finalises it and sends it to the customer.</summary>
    Task<GatewayInvoice> CreateInvoiceAsync(InvoiceDraft draft, CancellationToken ct);
    Task VoidInvoiceAsync(string invoiceId, CancellationToken ct);
    Task<GatewayRefund> CreateRefundAsync(RefundDraft draft, CancellationToken ct);
}

/// <summary>One order line as the gateway shows it: the unit price times the quantity is the amount.</summary>
public sealed record GatewayLine(string Name, long UnitAmountFen, int Quantity, long AmountFen);

/// <summary>
/// A hosted card payment page; the return paths are the shop's own (the adapter makes them absolute). The request's key
/// goes into the gateway object's metadata, so that its events find the request whatever else they lack.
/// </summary>
public sealed record CheckoutDraft(
    string IdempotencyKey, string RequestKey, string PurchaseNumber, IReadOnlyList<GatewayLine> Lines,
    string SuccessPath, string CancelPath, DateTime ExpiresAtUtc);

public sealed record GatewayCheckout(string Id, string Url, DateTime? ExpiresAtUtc);

public sealed record CustomerDraft(string IdempotencyKey, int OrganisationId, string Name, string? Email, string CreditCode);

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
    public Task ExpireCheckoutAsync(string checkoutId, CancellationToken ct) => throw Offline();
    public Task<string> CreateCustomerAsync(CustomerDraft draft, CancellationToken ct) => throw Offline();
    public Task<GatewayInvoice> CreateInvoiceAsync(InvoiceDraft draft, CancellationToken ct) => throw Offline();
    public Task VoidInvoiceAsync(string invoiceId, CancellationToken ct) => throw Offline();
    public Task<GatewayRefund> CreateRefundAsync(RefundDraft draft, CancellationToken ct) => throw Offline();
}
