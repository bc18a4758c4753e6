namespace Storefront.Web.Payments;

/// <summary>
/// Stripe's settings (section "Stripe"). The secret key and the webhook signing secret come from user secrets or the
/// environment (Stripe__SecretKey, Stripe__WebhookSecret), never from a file in the repository. With no secret key the
/// shop runs offline: bank transfers recorded by admins.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";
    public const string DefaultCheckoutOrigin = "https://checkout.stripe.com";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>Stripe's API address; tests point it at a local stand-in.</summary>
    public string? ApiBase { get; set; }
    /// <summary>Where Stripe Checkout's pages live: the one origin a form post may redirect to (form-action).</summary>
    public string CheckoutOrigin { get; set; } = DefaultCheckoutOrigin;
    /// <summary>How old a webhook's signed timestamp may be.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;
    /// <summary>
    /// How long a buyer's page waits for Stripe's answer (a card page to open) before it says the page is being prepared;
    /// the background job goes on with the same request.
    /// </summary>
    public double PageWaitSeconds { get; set; } = 8;
    /// <summary>How long the background job waits for one answer.</summary>
    public double TimeoutSeconds { get; set; } = 30;
    /// <summary>Stripe.net's own retries of a failed call; the outbox retries with backoff anyway.</summary>
    public int MaxNetworkRetries { get; set; }
    /// <summary>
    /// Payment methods offered on invoices (e.g. customer_balance for bank transfers, where the Stripe account supports
    /// it for the currency); empty lets Stripe use the account's invoice settings.
    /// </summary>
    public List<string> InvoicePaymentMethodTypes { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}
