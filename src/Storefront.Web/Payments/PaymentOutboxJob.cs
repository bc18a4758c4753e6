using Storefront.Core.Payments;
using Storefront.Web.Jobs;

namespace Storefront.Web.Payments;

/// <summary>Sends what the payment outbox still holds (a page's own send failed, or a webhook-free retry is due), on one instance at a time.</summary>
public sealed class PaymentOutboxJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PaymentOutboxJob> logger) : LeasedJob(scopes, clock, logger)
{
    public const string JobName = "payments-outbox";

    protected override string Name => JobName;
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var outbox = services.GetRequiredService<PaymentOutbox>();
        while (await outbox.SendDueAsync(50, ct) == 50 && !ct.IsCancellationRequested) { }
    }
}
