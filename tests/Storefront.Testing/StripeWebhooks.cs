using System.Text;
using System.Text.Json.Nodes;
using Stripe;

namespace Storefront.Testing;

/// <summary>Stripe-shaped webhook events for the tests, signed with Stripe.net's own helper and posted to the shop.</summary>
public static class StripeWebhooks
{
    public const string Path = "/payments/stripe/webhook";

    public static string Event(string type, JsonObject data, string? id = null, string? apiVersion = null, DateTimeOffset? created = null) => new JsonObject
    {
        ["id"] = id ?? $"evt_test_{Guid.NewGuid():N}",
        ["object"] = "event",
        ["api_version"] = apiVersion ?? StripeConfiguration.ApiVersion,
        ["created"] = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    public static JsonObject Session(string sessionId, Guid requestKey, long amountFen, string? paymentIntent, string paymentStatus = "paid", string status = "complete") => new()
    {
        ["id"] = sessionId,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["status"] = status,
        ["payment_status"] = paymentStatus,
        ["amount_total"] = amountFen,
        ["currency"] = "cny",
        ["client_reference_id"] = requestKey.ToString("N"),
        ["payment_intent"] = paymentIntent,
        ["metadata"] = new JsonObject { ["storefront_request"] = requestKey.ToString("N") },
    };

    public static JsonObject PaymentIntent(string id, Guid requestKey, long amountFen, string status = "succeeded") => new()
    {
        ["id"] = id,
        ["object"] = "payment_intent",
        ["amount"] = amountFen,
        ["amount_received"] = status == "succeeded" ? amountFen : 0,
        ["currency"] = "cny",
        ["status"] = status,
        ["metadata"] = new JsonObject { ["storefront_request"] = requestKey.ToString("N") },
        ["last_payment_error"] = status == "succeeded" ? null : new JsonObject { ["message"] = "Your card was declined.", ["type"] = "card_error" },
    };

    public static JsonObject Invoice(string id, Guid requestKey, long amountFen, string status, DateTimeOffset? paidAt = null) => new()
    {
        ["id"] = id,
        ["object"] = "invoice",
        ["status"] = status,
        ["collection_method"] = "send_invoice",
        ["currency"] = "cny",
        ["amount_due"] = amountFen,
        ["amount_paid"] = status == "paid" ? amountFen : 0,
        ["amount_remaining"] = status == "paid" ? 0 : amountFen,
        ["total"] = amountFen,
        ["hosted_invoice_url"] = $"https://invoice.stripe.test/{id}",
        ["invoice_pdf"] = $"https://invoice.stripe.test/{id}.pdf",
        ["due_date"] = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds(),
        ["metadata"] = new JsonObject { ["storefront_request"] = requestKey.ToString("N") },
        ["status_transitions"] = new JsonObject { ["paid_at"] = status == "paid" ? (paidAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() : null },
    };

    public static JsonObject Refund(string id, Guid? refundKey, long amountFen, string paymentIntent, string status = "succeeded") => new()
    {
        ["id"] = id,
        ["object"] = "refund",
        ["amount"] = amountFen,
        ["currency"] = "cny",
        ["payment_intent"] = paymentIntent,
        ["status"] = status,
        ["metadata"] = refundKey is { } key ? new JsonObject { ["storefront_refund"] = key.ToString("N") } : new JsonObject(),
    };

    /// <summary>A charge as newer API versions send it in charge.refunded: the refunded total, refunds listed only when given.</summary>
    public static JsonObject Charge(string id, string paymentIntent, long amountFen, long refundedFen, params JsonObject[] refunds)
    {
        var charge = new JsonObject
        {
            ["id"] = id,
            ["object"] = "charge",
            ["amount"] = amountFen,
            ["amount_refunded"] = refundedFen,
            ["currency"] = "cny",
            ["payment_intent"] = paymentIntent,
            ["refunded"] = refundedFen >= amountFen,
            ["status"] = "succeeded",
        };
        if (refunds.Length > 0)
            charge["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(refunds.Select(r => (JsonNode)r.DeepClone()).ToArray()), ["has_more"] = false, ["url"] = $"/v1/charges/{id}/refunds" };
        return charge;
    }

    /// <summary>The Stripe-Signature header for the payload, by Stripe.net's own helper.</summary>
    public static string Sign(string payload, string secret = StripeStandIn.WebhookSecret, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(payload, secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    public static Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, string payload, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostSignedAsync(this HttpClient client, string payload) => client.PostWebhookAsync(payload, Sign(payload));
}

/// <summary>The shop with Stripe configured against its own stand-in; background jobs off (the tests send the outbox).</summary>
public class StripeStorefrontFactory : StorefrontFactory
{
    public StripeStandIn Stripe { get; } = new() { CheckoutPageBase = "https://checkout.stripe.test" };

    /// <summary>The shop's configured public address: not the host the test client calls, so that a link built on the request shows.</summary>
    public const string PublicUrl = "https://shop.example.cn";

    /// <summary>A buyer's page waits three seconds for Stripe, so that time-outs are tested without waiting for the default.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        .. Stripe.Settings, new("Jobs:Enabled", "false"), new("Stripe:PageWaitSeconds", "3"),
        new("Storefront:PublicUrl", PublicUrl), new("AllowedHosts", "storefront.test"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Stripe.Dispose();
    }
}

public class PostgreSqlStripeStorefrontFactory : StripeStorefrontFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
