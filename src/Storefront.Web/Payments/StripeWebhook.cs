using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Payments;
using Stripe;

namespace Storefront.Web.Payments;

/// <summary>
/// The one webhook endpoint. The Stripe-Signature header is verified with the signing secret by Stripe.net
/// (a missing, wrong or expired signature answers 400 and stores nothing); the event is then stored by its id before
/// it is acted on; acting is idempotent, so a redelivery of an applied event only answers 200, and one that failed
/// (500, which Stripe retries) is applied again, by Stripe's redelivery or by <see cref="StripeEventRetryJob"/> from
/// our own store, whichever comes first.
///
/// API versions: Stripe.net pins 2026-10-28.endive and by default refuses events rendered in another version. We
/// accept them (throwOnApiVersionMismatch: false) and store their version, because an endpoint left on an older
/// version must not lose payments: what we read of an event (our keys in metadata, ids, amount, currency, status) is
/// the same across versions, and every amount and currency is checked against our own request before it counts, so a
/// field read wrongly can only leave a payment unconfirmed (the stored outcome says why), never confirm a wrong one.
/// </summary>
public static class StripeWebhook
{
    public const string Path = "/payments/stripe/webhook";
    private const int MaxBodyBytes = 1024 * 1024;

    public static void MapStripeWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpContext context, IOptions<StripeOptions> options, StorefrontDbContext db, PaymentEvents events, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhook));
        // Stripe reads the status code alone: no error page is rendered in place of a 400.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        var settings = options.Value;
        if (!settings.IsConfigured || string.IsNullOrWhiteSpace(settings.WebhookSecret)) return Results.NotFound();
        if (context.Request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(ct);
        if (body.Length > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(body, context.Request.Headers["Stripe-Signature"].ToString(), settings.WebhookSecret,
                settings.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException or ArgumentException or FormatException)
        {
            logger.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Results.BadRequest();
        }

        var stored = await StoreAsync(db, stripeEvent, body, clock, ct);
        if (stored.ProcessedAtUtc is not null) return Results.Ok();
        if (stripeEvent.ApiVersion != StripeConfiguration.ApiVersion)
            logger.LogWarning("Stripe event {Id} was rendered in API version {Version}, not {Pinned}: set the webhook endpoint's version", stripeEvent.Id, stripeEvent.ApiVersion, StripeConfiguration.ApiVersion);
        return await ActAsync(context.RequestServices, db, events, stripeEvent, clock, logger, ct)
            ? Results.Ok()
            : Results.StatusCode(StatusCodes.Status500InternalServerError);
    }

    /// <summary>
    /// Acts on a stored event and records the outcome: processed, or failed with the time of the next attempt from our
    /// store (backoff; none after <see cref="GatewayEvent.MaxAttempts"/>). False when it failed.
    /// </summary>
    public static async Task<bool> ActAsync(
        IServiceProvider services, StorefrontDbContext db, PaymentEvents events, Event stripeEvent, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        string outcome;
        try
        {
            outcome = await ApplyWithRetriesAsync(services, events, StripeEvents.Read(stripeEvent), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Stripe event {Id} ({Type}) could not be applied; it is retried from the store", stripeEvent.Id, stripeEvent.Type);
            db.ChangeTracker.Clear();
            var failedAt = clock.GetUtcNow().UtcDateTime;
            var attempts = await db.GatewayEvents.Where(v => v.Id == stripeEvent.Id).Select(v => v.Attempts).FirstAsync(CancellationToken.None) + 1;
            DateTime? next = attempts >= GatewayEvent.MaxAttempts ? null : failedAt + PaymentOutboxMessage.Backoff(attempts);
            await db.GatewayEvents.Where(v => v.Id == stripeEvent.Id && v.ProcessedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Outcome, Truncate($"failed: {e.Message}"))
                    .SetProperty(v => v.Attempts, attempts).SetProperty(v => v.NextAttemptAtUtc, next), CancellationToken.None);
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.GatewayEvents.Where(v => v.Id == stripeEvent.Id && v.ProcessedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ProcessedAtUtc, now).SetProperty(v => v.Outcome, Truncate(outcome))
                .SetProperty(v => v.NextAttemptAtUtc, (DateTime?)null), ct);
        return true;
    }

    /// <summary>
    /// Applies the notice; a failure from a twin delivery racing this one (a unique key taken a moment ago, a
    /// transaction the database ended) is retried twice on a fresh unit of work, where the twin's result is visible.
    /// </summary>
    private static async Task<string> ApplyWithRetriesAsync(IServiceProvider services, PaymentEvents events, GatewayNotice notice, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (attempt == 0) return await events.ApplyAsync(notice, ct);
                using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
                return await scope.ServiceProvider.GetRequiredService<PaymentEvents>().ApplyAsync(notice, ct);
            }
            catch (Exception e) when (attempt < 2 && !ct.IsCancellationRequested && e is DbUpdateException or InvalidOperationException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), ct);
            }
        }
    }

    /// <summary>Stores the event unless it is stored already (a redelivery, or a twin delivered at the same moment).</summary>
    private static async Task<GatewayEvent> StoreAsync(StorefrontDbContext db, Event stripeEvent, string body, TimeProvider clock, CancellationToken ct)
    {
        if (await db.GatewayEvents.AsNoTracking().FirstOrDefaultAsync(v => v.Id == stripeEvent.Id, ct) is { } known) return known;
        var stored = new GatewayEvent
        {
            Id = stripeEvent.Id,
            Type = stripeEvent.Type,
            ApiVersion = stripeEvent.ApiVersion,
            CreatedAtUtc = stripeEvent.Created,
            ReceivedAtUtc = clock.GetUtcNow().UtcDateTime,
            Payload = body,
            // Should this delivery die before acting, the retry job takes the event up after the claim has run out.
            NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + GatewayEvent.ClaimLifetime,
        };
        db.GatewayEvents.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
            return stored;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.GatewayEvents.AsNoTracking().FirstAsync(v => v.Id == stripeEvent.Id, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static string Truncate(string text) => text.Length <= GatewayEvent.OutcomeMaxLength ? text : text[..GatewayEvent.OutcomeMaxLength];
}

/// <summary>What each Stripe event means for the shop, as a notice the core applies; the SDK's types stop here.</summary>
public static class StripeEvents
{
    public static GatewayNotice Read(Event e)
    {
        var at = e.Created == default ? DateTime.UtcNow : DateTime.SpecifyKind(e.Created, DateTimeKind.Utc);
        switch (e.Data?.Object)
        {
            case Stripe.Checkout.Session s when e.Type is "checkout.session.completed" or "checkout.session.async_payment_succeeded":
                return s.PaymentStatus == "paid"
                    ? new PaymentSucceeded(KeyOf(s.Metadata, s.ClientReferenceId), s.Id, s.PaymentIntentId, s.AmountTotal ?? 0, s.Currency ?? "", at)
                    : new RequestDetails(KeyOf(s.Metadata, s.ClientReferenceId), s.Id, s.PaymentIntentId, null, null, null);
            case Stripe.Checkout.Session s when e.Type == "checkout.session.async_payment_failed":
                return new PaymentFailed(KeyOf(s.Metadata, s.ClientReferenceId), s.Id, s.PaymentIntentId, "async payment failed", at);
            case Stripe.Checkout.Session s when e.Type == "checkout.session.expired":
                return new RequestClosed(KeyOf(s.Metadata, s.ClientReferenceId), s.Id, PaymentRequestStatus.Expired);
            case PaymentIntent pi when e.Type == "payment_intent.succeeded":
                return new PaymentSucceeded(KeyOf(pi.Metadata), null, pi.Id, pi.AmountReceived, pi.Currency ?? "", at);
            case PaymentIntent pi when e.Type == "payment_intent.payment_failed":
                return new PaymentFailed(KeyOf(pi.Metadata), null, pi.Id, pi.LastPaymentError?.Message ?? "payment failed", at);
            case Invoice i when e.Type == "invoice.finalized":
                return new RequestDetails(KeyOf(i.Metadata), i.Id, null, i.HostedInvoiceUrl, i.InvoicePdf, i.DueDate);
            case Invoice i when e.Type == "invoice.paid":
                return new PaymentSucceeded(KeyOf(i.Metadata), i.Id, null, i.AmountPaid, i.Currency ?? "", i.StatusTransitions?.PaidAt is { } paidAt ? DateTime.SpecifyKind(paidAt, DateTimeKind.Utc) : at);
            case Invoice i when e.Type == "invoice.payment_failed":
                return new PaymentFailed(KeyOf(i.Metadata), i.Id, null, "invoice payment failed", at);
            case Invoice i when e.Type == "invoice.voided":
                return new RequestClosed(KeyOf(i.Metadata), i.Id, PaymentRequestStatus.Voided);
            case Charge c when e.Type == "charge.refunded":
                return new ChargeRefunded(c.PaymentIntentId, c.AmountRefunded,
                    (c.Refunds?.Data ?? []).Select(r => News(r, at) with { PaymentIntentId = r.PaymentIntentId ?? c.PaymentIntentId }).ToList(), at);
            case Stripe.Refund r when e.Type is "refund.created" or "refund.updated" or "refund.failed":
                return News(r, at);
            default:
                return new Unhandled(e.Type);
        }
    }

    private static RefundNews News(Stripe.Refund r, DateTime at) =>
        new(KeyOf(r.Metadata, field: StripeGateway.RefundKeyField), r.Id, StripeGateway.StatusOf(r.Status), r.FailureReason, at,
            r.PaymentIntentId, r.Amount, r.Currency ?? "", r.Reason);

    private static Guid? KeyOf(Dictionary<string, string>? metadata, string? fallback = null, string field = StripeGateway.RequestKeyField)
    {
        var text = metadata is not null && metadata.TryGetValue(field, out var value) ? value : fallback;
        return Guid.TryParseExact(text, "N", out var key) ? key : null;
    }
}
