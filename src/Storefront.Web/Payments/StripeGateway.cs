using System.Net;
using Microsoft.Extensions.Options;
using Storefront.Core.Money;
using Storefront.Core.Payments;
using Stripe;

namespace Storefront.Web.Payments;

/// <summary>
/// The payment gateway through Stripe.net: Checkout Sessions for cards, invoices (send_invoice, days until due) for
/// institutions, refunds. Every create call carries the idempotency key the core derived from our own record, and each
/// step of an invoice its own key under it, so a repeated send returns what the first created. The currency is CNY,
/// amounts fen. Our keys go into each object's metadata, where the webhooks find them.
/// </summary>
public sealed class StripeGateway(IStripeClient client, IOptions<StripeOptions> options) : IPaymentGateway
{
    public const string Currency = "cny";
    public const string RequestKeyField = "storefront_request";
    public const string RefundKeyField = "storefront_refund";
    public const string PurchaseField = "storefront_purchase";

    private StripeClient Client => (StripeClient)client;

    public bool IsConfigured => true;

    public Task<GatewayCheckout> CreateCheckoutAsync(CheckoutDraft draft, CancellationToken ct) => CallAsync(async () =>
    {
        var metadata = new Dictionary<string, string> { [RequestKeyField] = draft.RequestKey, [PurchaseField] = draft.PurchaseNumber };
        var session = await Client.V1.Checkout.Sessions.CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            Currency = Currency,
            LineItems = draft.Lines.Select(l => new Stripe.Checkout.SessionLineItemOptions
            {
                Quantity = l.Quantity,
                PriceData = new Stripe.Checkout.SessionLineItemPriceDataOptions
                {
                    Currency = Currency,
                    UnitAmount = l.UnitAmountFen,
                    ProductData = new Stripe.Checkout.SessionLineItemPriceDataProductDataOptions { Name = l.Name },
                },
            }).ToList(),
            SuccessUrl = draft.SuccessUrl,
            CancelUrl = draft.CancelUrl,
            ClientReferenceId = draft.RequestKey,
            Metadata = metadata,
            PaymentIntentData = new Stripe.Checkout.SessionPaymentIntentDataOptions { Metadata = new(metadata), Description = draft.PurchaseNumber },
            ExpiresAt = draft.ExpiresAtUtc,
        }, Options(draft.IdempotencyKey), ct);
        return new GatewayCheckout(session.Id, session.Url, session.ExpiresAt == default ? null : session.ExpiresAt);
    });

    public Task ExpireCheckoutAsync(string checkoutId, string idempotencyKey, CancellationToken ct) => CallAsync(async () =>
    {
        // Keyed, so that an expiry repeated after a lost answer gets the first answer, not "session is not open".
        await Client.V1.Checkout.Sessions.ExpireAsync(checkoutId, null, Options(idempotencyKey), ct);
        return true;
    });

    public Task<string> CreateCustomerAsync(CustomerDraft draft, CancellationToken ct) => CallAsync(async () =>
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Name = draft.Name,
            Email = draft.Email,
            Description = draft.CreditCode,
            Metadata = new() { ["storefront_organisation"] = draft.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["credit_code"] = draft.CreditCode },
            PreferredLocales = ["zh"],
        }, Options(draft.IdempotencyKey), ct);
        return customer.Id;
    });

    public Task<GatewayInvoice> CreateInvoiceAsync(InvoiceDraft draft, CancellationToken ct) => CallAsync(async () =>
    {
        var metadata = new Dictionary<string, string> { [RequestKeyField] = draft.RequestKey, [PurchaseField] = draft.Description };
        var methods = options.Value.InvoicePaymentMethodTypes;
        var invoice = await Client.V1.Invoices.CreateAsync(new InvoiceCreateOptions
        {
            Customer = draft.CustomerId,
            CollectionMethod = "send_invoice",
            DaysUntilDue = draft.DaysUntilDue,
            Currency = Currency,
            AutoAdvance = false,
            PendingInvoiceItemsBehavior = "exclude",
            Description = draft.Description,
            Metadata = metadata,
            PaymentSettings = methods.Count == 0 ? null : new InvoicePaymentSettingsOptions { PaymentMethodTypes = methods },
        }, Options(draft.IdempotencyKey), ct);
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            await Client.V1.InvoiceItems.CreateAsync(new InvoiceItemCreateOptions
            {
                Customer = draft.CustomerId,
                Invoice = invoice.Id,
                Currency = Currency,
                Amount = line.AmountFen,
                Description = $"{line.Name} × {line.Quantity} @ {Fen.Format(line.UnitAmountFen)}",
                Metadata = new() { [RequestKeyField] = draft.RequestKey },
            }, Options($"{draft.IdempotencyKey}-line-{i + 1}"), ct);
        }
        var finalized = await Client.V1.Invoices.FinalizeInvoiceAsync(invoice.Id, new InvoiceFinalizeOptions { AutoAdvance = false }, Options($"{draft.IdempotencyKey}-finalize"), ct);
        var sent = await Client.V1.Invoices.SendInvoiceAsync(invoice.Id, null, Options($"{draft.IdempotencyKey}-send"), ct);
        var final = sent ?? finalized;
        return new GatewayInvoice(final.Id, final.HostedInvoiceUrl ?? finalized.HostedInvoiceUrl, final.InvoicePdf ?? finalized.InvoicePdf, final.DueDate ?? finalized.DueDate);
    });

    public Task VoidInvoiceAsync(string invoiceId, CancellationToken ct) => CallAsync(async () =>
    {
        await Client.V1.Invoices.VoidInvoiceAsync(invoiceId, null, null, ct);
        return true;
    });

    public Task<GatewayRefund> CreateRefundAsync(RefundDraft draft, CancellationToken ct) => CallAsync(async () =>
    {
        var paymentIntent = draft.PaymentIntentId;
        if (paymentIntent is null && draft.InvoiceId is not null)
        {
            // An invoice's payment intent is found through its invoice payments (the invoice object no longer names it).
            var payments = await Client.V1.InvoicePayments.ListAsync(new InvoicePaymentListOptions { Invoice = draft.InvoiceId, Status = "paid" }, null, ct);
            paymentIntent = payments.Data.Select(p => p.Payment?.PaymentIntentId).FirstOrDefault(id => id is not null);
        }
        if (paymentIntent is null)
            throw new PaymentGatewayException("Stripe has no card or bank payment for this order to refund; record the refund instead.", permanent: true);
        var refund = await Client.V1.Refunds.CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntent,
            Amount = draft.AmountFen,
            Reason = "requested_by_customer",
            Metadata = new() { [RefundKeyField] = draft.RefundKey, ["reason"] = draft.Reason.Length > 450 ? draft.Reason[..450] : draft.Reason },
        }, Options(draft.IdempotencyKey), ct);
        return new GatewayRefund(refund.Id, StatusOf(refund.Status), refund.FailureReason);
    });

    public static GatewayRefundStatus StatusOf(string? status) => status switch
    {
        "succeeded" => GatewayRefundStatus.Succeeded,
        "failed" or "canceled" => GatewayRefundStatus.Failed,
        _ => GatewayRefundStatus.Pending,
    };

    private static RequestOptions Options(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    /// <summary>Stripe's refusals (4xx but a conflict or a rate limit) are permanent; 5xx, 409, 429 and network faults are retried.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e)
        {
            var status = (int)e.HttpStatusCode;
            var permanent = status is >= 400 and < 500 && e.HttpStatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests);
            throw new PaymentGatewayException($"Stripe {status}: {e.StripeError?.Message ?? e.Message}", permanent, e);
        }
    }
}
