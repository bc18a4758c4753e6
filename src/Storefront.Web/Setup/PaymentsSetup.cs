using Microsoft.Extensions.Options;
using Storefront.Core.Payments;
using Storefront.Core.Quotas;
using Storefront.Web.Payments;
using Storefront.Web.Security;
using Stripe;

namespace Storefront.Web.Setup;

public static class PaymentsSetup
{
    /// <summary>
    /// Payments: Stripe when Stripe:SecretKey is configured (cards, invoices, refunds, the webhook, the outbox job, the job
    /// that retries stored events that failed, and
    /// Stripe Checkout's origin allowed as a form-action); otherwise offline, bank transfers recorded by admins. The
    /// payment and refund sources of the quota reconciliation are there either way.
    /// </summary>
    public static void AddStorefrontPayments(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(StripeOptions.Section);
        builder.Services.Configure<StripeOptions>(section);
        var options = section.Get<StripeOptions>() ?? new StripeOptions();
        builder.Services.AddScoped<PaymentRequests>();
        builder.Services.AddScoped<PaymentOutbox>();
        builder.Services.AddSingleton(new PaymentOutboxSettings(TimeSpan.FromSeconds(options.PageWaitSeconds)));
        builder.Services.AddScoped<PaymentEvents>();
        builder.Services.AddScoped<Refunds>();
        builder.Services.AddScoped<Settlements>();
        builder.Services.AddScoped<IQuotaEntrySource, PaymentEntrySource>();
        builder.Services.AddScoped<IQuotaEntrySource, RefundEntrySource>();
        if (!options.IsConfigured)
        {
            builder.Services.AddSingleton<IPaymentGateway, OfflinePaymentGateway>();
            return;
        }
        builder.Services.AddSingleton<IStripeClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            return new StripeClient(new StripeClientOptions
            {
                ApiKey = o.SecretKey,
                ApiBase = string.IsNullOrWhiteSpace(o.ApiBase) ? null : o.ApiBase.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) }, o.MaxNetworkRetries, null, false),
            });
        });
        builder.Services.AddScoped<IPaymentGateway, StripeGateway>();
        builder.Services.Configure<SecurityHeaderOptions>(o => o.FormActionSources.Add(options.CheckoutOrigin.TrimEnd('/')));
        builder.Services.AddSingleton<PaymentOutboxJob>();
        builder.Services.AddSingleton<StripeEventRetryJob>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentOutboxJob>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StripeEventRetryJob>());
        }
    }
}
