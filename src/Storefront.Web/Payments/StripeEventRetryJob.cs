using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Payments;
using Storefront.Web.Jobs;
using Stripe;

namespace Storefront.Web.Payments;

/// <summary>
/// Acts again on stored Stripe events that failed while acting (or whose delivery died before acting), from our own
/// store, with backoff: a payment must not wait for Stripe to resend its event, which it stops doing after three days.
/// The payload was verified when it was stored, so it is parsed here without a signature. Each event is claimed by a
/// conditional update first, so a redelivery arriving meanwhile and this job do not act on it together.
/// </summary>
public sealed class StripeEventRetryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<StripeEventRetryJob> logger) : LeasedJob(scopes, clock, logger)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    public const string JobName = "payments-webhook-retry";
    private const int Batch = 50;

    protected override string Name => JobName;
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StorefrontDbContext>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var due = await db.GatewayEvents.AsNoTracking()
            .Where(v => v.ProcessedAtUtc == null && v.NextAttemptAtUtc != null && v.NextAttemptAtUtc <= now)
            .OrderBy(v => v.NextAttemptAtUtc).Select(v => v.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in due)
        {
            if (ct.IsCancellationRequested) return;
            await RetryAsync(services, id, now, ct);
        }
    }

    private async Task RetryAsync(IServiceProvider root, string id, DateTime now, CancellationToken ct)
    {
        // One unit of work per event: a failure of one leaves nothing tracked for the next.
        using var scope = root.GetRequiredService<IServiceScopeFactory>().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var claimed = await db.GatewayEvents
            .Where(v => v.Id == id && v.ProcessedAtUtc == null && v.NextAttemptAtUtc != null && v.NextAttemptAtUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.NextAttemptAtUtc, now + GatewayEvent.ClaimLifetime), ct);
        if (claimed == 0) return;
        var payload = await db.GatewayEvents.AsNoTracking().Where(v => v.Id == id).Select(v => v.Payload).SingleAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            // Stored only after it was read once, so this cannot happen short of a changed library: kept for an admin.
            _logger.LogError(e, "Stored Stripe event {Id} cannot be read again", id);
            await db.GatewayEvents.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.NextAttemptAtUtc, (DateTime?)null), ct);
            return;
        }
        await StripeWebhook.ActAsync(scope.ServiceProvider, db, scope.ServiceProvider.GetRequiredService<PaymentEvents>(), stripeEvent, _clock, _logger, ct);
    }
}
