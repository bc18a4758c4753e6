using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Quotas;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Payments;

public class StripeWebhooksOnSqlite(StripeStorefrontFactory factory) : StripeWebhookTests<StripeStorefrontFactory>(factory);
public class StripeWebhooksOnPostgreSql(PostgreSqlStripeStorefrontFactory factory) : StripeWebhookTests<PostgreSqlStripeStorefrontFactory>(factory);

/// <summary>
/// The webhook endpoint: Stripe-Signature verified by Stripe.net with the test secret, events stored by id before they
/// are acted on, acting idempotent and safe in any order, even a thousand deliveries at once.
/// </summary>
public abstract class StripeWebhookTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StripeStorefrontFactory
{
    /// <summary>An invoice purchase of rice and tea by a new hospital buyer, invoiced at Stripe: the purchase and its request.</summary>
    private async Task<(HttpClient Buyer, long PurchaseId, PaymentRequest Request)> InvoicedAsync(bool tea = true)
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea);
        var purchase = await buyer.CheckOutWithAsync("Invoice");
        var purchaseId = PurchaseIdOf(purchase);
        return (buyer, purchaseId, await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice));
    }

    /// <summary>A card purchase whose Checkout Session is open at Stripe.</summary>
    private async Task<(HttpClient Buyer, long PurchaseId, PaymentRequest Request)> CardAsync(bool tea = true)
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea);
        await buyer.CheckOutWithAsync("Card");
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        return (buyer, purchaseId, await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card));
    }

    private Task<int> StoredAsync(string eventId) => Factory.WithDbAsync(db => db.GatewayEvents.CountAsync(e => e.Id == eventId));

    [SkippableFact]
    public async Task OnlyEventsSignedWithTheSecretWithinTheToleranceAreAcceptedAndNothingElseIsStoredOrChanged()
    {
        var client = Client();
        var (_, purchaseId, request) = await InvoicedAsync(tea: false);
        var id = $"evt_sig_{Guid.NewGuid():N}";
        var payload = StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen, "paid"), id);

        var tampered = payload.Replace(RiceFen.ToString(), "1", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostWebhookAsync(tampered, StripeWebhooks.Sign(payload))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostWebhookAsync(payload, StripeWebhooks.Sign(payload, "whsec_someone_else"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostWebhookAsync(payload, StripeWebhooks.Sign(payload, at: DateTimeOffset.UtcNow.AddMinutes(-10)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostWebhookAsync(payload, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostWebhookAsync(payload, "t=1,v1=nonsense")).StatusCode);
        Assert.Equal(0, await StoredAsync(id));
        Assert.Equal(PaymentRequestStatus.Open, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);
        Assert.Equal(1, await StoredAsync(id));
        Assert.Equal(PaymentRequestStatus.Paid, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);
        Assert.All(await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => o.Status).ToListAsync()), s => Assert.Equal(OrderStatus.Paid, s));
    }

    [SkippableFact]
    public async Task AnEventOfAnotherApiVersionIsAcceptedStoredWithItsVersionAndActedOnAfterTheAmountIsChecked()
    {
        var client = Client();
        var (_, purchaseId, request) = await InvoicedAsync(tea: false);
        var wrongAmount = StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen - 100, "paid"), apiVersion: "2025-03-31.basil");
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(wrongAmount)).StatusCode);
        Assert.Equal(PaymentRequestStatus.Open, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);

        var id = $"evt_old_{Guid.NewGuid():N}";
        var payload = StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen, "paid"), id, apiVersion: "2025-03-31.basil");
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);

        var stored = await Factory.WithDbAsync(db => db.GatewayEvents.SingleAsync(e => e.Id == id));
        Assert.Equal("2025-03-31.basil", stored.ApiVersion);
        Assert.NotNull(stored.ProcessedAtUtc);
        Assert.StartsWith("confirmed payment", stored.Outcome);
        Assert.Equal(PaymentRequestStatus.Paid, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);
    }

    [SkippableFact]
    public async Task AStoredEventThatFailedWhileActingIsRetriedFromTheStoreWithBackoffWithoutStripeSendingItAgain()
    {
        var client = Client();
        var (buyer, purchaseId, request) = await InvoicedAsync(tea: false);
        var organisationId = await Factory.OrganisationIdAsync(Hospital);
        var countedBefore = await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrganisationId == organisationId).SumAsync(e => e.AmountFen));
        var id = $"evt_retry_{Guid.NewGuid():N}";
        var payload = StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen, "paid"), id);

        // The database refuses to record the payment for a moment: the delivery fails, and the event stays stored.
        await RefusePaymentsAsync(true);
        var failedAt = DateTime.UtcNow;
        try
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostSignedAsync(payload)).StatusCode);
        }
        finally
        {
            await RefusePaymentsAsync(false);
        }
        var stored = await Factory.WithDbAsync(db => db.GatewayEvents.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Null(stored.ProcessedAtUtc);
        Assert.StartsWith("failed: ", stored.Outcome);
        Assert.Equal(1, stored.Attempts);
        // The first retry waits ten seconds (5 s doubled per attempt, at most an hour).
        Assert.InRange(stored.NextAttemptAtUtc!.Value, failedAt.AddSeconds(9), DateTime.UtcNow.AddSeconds(11));

        var job = Factory.Services.GetRequiredService<Storefront.Web.Payments.StripeEventRetryJob>();
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        Assert.Equal(PaymentRequestStatus.Open, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);

        // Once the backoff has passed, the job acts on the stored event; Stripe sent nothing more.
        await Factory.WithDbAsync(db => db.GatewayEvents.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        Assert.True(await job.TryRunAsync(CancellationToken.None));

        stored = await Factory.WithDbAsync(db => db.GatewayEvents.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.NotNull(stored.ProcessedAtUtc);
        Assert.Null(stored.NextAttemptAtUtc);
        Assert.StartsWith("confirmed payment", stored.Outcome);
        Assert.Equal(PaymentRequestStatus.Paid, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);
        Assert.Equal("已付款", (await buyer.GetPageAsync($"/orders/{(await Factory.OrdersOfAsync(purchaseId)).Single()}")).Text("#payment-state"));
        // Stripe's own redelivery afterwards counts nothing twice.
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
        Assert.Equal(countedBefore + RiceFen, await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrganisationId == organisationId).SumAsync(e => e.AmountFen)));
    }

    [SkippableFact]
    public async Task AnEventWhoseDeliveryDiedBeforeActingIsTakenUpByTheJobOnceItsClaimHasRunOut()
    {
        Client();
        var (_, purchaseId, request) = await InvoicedAsync(tea: false);
        var id = $"evt_orphan_{Guid.NewGuid():N}";
        // Stored as the endpoint stores it, and then nothing: the process stopped before acting.
        await Factory.WithDbAsync(async db =>
        {
            db.GatewayEvents.Add(new GatewayEvent
            {
                Id = id, Type = "invoice.paid", ApiVersion = Stripe.StripeConfiguration.ApiVersion, CreatedAtUtc = DateTime.UtcNow, ReceivedAtUtc = DateTime.UtcNow.AddMinutes(-3),
                Payload = StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen, "paid"), id),
                NextAttemptAtUtc = DateTime.UtcNow.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        });

        Assert.True(await Factory.Services.GetRequiredService<Storefront.Web.Payments.StripeEventRetryJob>().TryRunAsync(CancellationToken.None));

        Assert.NotNull(await Factory.WithDbAsync(db => db.GatewayEvents.Where(e => e.Id == id).Select(e => e.ProcessedAtUtc).SingleAsync()));
        Assert.Equal(PaymentRequestStatus.Paid, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice)).Status);
    }

    /// <summary>A trigger that makes the database refuse new payments, as a database that is briefly unavailable would.</summary>
    private Task RefusePaymentsAsync(bool refuse) => Factory.WithDbAsync(db => Factory.Provider == DatabaseProvider.Sqlite
        ? db.Database.ExecuteSqlRawAsync(refuse
            ? "CREATE TRIGGER test_refuse_payments BEFORE INSERT ON \"Payments\" BEGIN SELECT RAISE(ABORT, 'refused for a moment'); END;"
            : "DROP TRIGGER test_refuse_payments;")
        : db.Database.ExecuteSqlRawAsync(refuse
            ? "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for a moment'; END $$; " +
              "CREATE TRIGGER test_refuse_payments BEFORE INSERT ON \"Payments\" FOR EACH ROW EXECUTE FUNCTION test_refuse();"
            : "DROP TRIGGER test_refuse_payments ON \"Payments\"; DROP FUNCTION test_refuse();"));

    [SkippableFact]
    public async Task AnUnknownEventIsStoredAndAcknowledged()
    {
        var client = Client();
        var id = $"evt_unknown_{Guid.NewGuid():N}";
        var payload = StripeWebhooks.Event("customer.updated", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_x", ["object"] = "customer" }, id);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);
        var stored = await Factory.WithDbAsync(db => db.GatewayEvents.SingleAsync(e => e.Id == id));
        Assert.Equal("customer.updated", stored.Type);
        Assert.Contains("not acted on", stored.Outcome);
        Assert.Equal(payload, stored.Payload);
    }

    [SkippableFact]
    public async Task AnInvoicePaidBeforeItIsFinalizedPaysOnceAndTheLateFinalizedOrVoidedChangesNothingButLinks()
    {
        var client = Client();
        var (buyer, purchaseId, request) = await InvoicedAsync();
        var amount = RiceFen + TeaFen;
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, amount, "paid")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("invoice.finalized", StripeWebhooks.Invoice(request.GatewayId!, request.Key, amount, "open")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("invoice.voided", StripeWebhooks.Invoice(request.GatewayId!, request.Key, amount, "void")))).StatusCode);

        var after = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice);
        Assert.Equal(PaymentRequestStatus.Paid, after.Status);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
        var page = await buyer.GetPageAsync($"/orders/{(await Factory.OrdersOfAsync(purchaseId))[0]}");
        Assert.Equal("已付款", page.Text("#payment-state"));
        // Stripe's invoice is a payment request (账单), never a fapiao (发票), which is another paper.
        Assert.StartsWith("付款账单 · ", page.Text("#payment-method"));
        Assert.DoesNotContain("发票", page.Text("#order-payment"));
    }

    [SkippableFact]
    public async Task TheOrderPagesSayWhetherPaymentIsNotYetDueAwaitedOverdueOrPaid()
    {
        var client = Client();
        // Above the school's approval threshold: nothing is due until an approver agrees.
        var schoolBuyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, School, tea: false);
        var pending = PurchaseIdOf(await schoolBuyer.CheckOutWithAsync("Invoice"));
        Assert.Equal("未到付款环节", (await schoolBuyer.GetPageAsync($"/orders/{(await Factory.OrdersOfAsync(pending)).Single()}")).Text("#payment-state"));

        // A card page open at Stripe: awaiting payment.
        var (cardBuyer, cardPurchase, _) = await CardAsync(tea: false);
        Assert.Equal("待付款", (await cardBuyer.GetPageAsync($"/orders/{(await Factory.OrdersOfAsync(cardPurchase)).Single()}")).Text("#payment-state"));

        // An invoice past its due date is overdue, on the order and on the purchase, until Stripe says it is paid.
        var (buyer, purchaseId, request) = await InvoicedAsync(tea: false);
        var orderId = (await Factory.OrdersOfAsync(purchaseId)).Single();
        Assert.Equal("已出账单，待付款", (await buyer.GetPageAsync($"/orders/{orderId}")).Text("#payment-state"));
        await Factory.WithDbAsync(db => db.PaymentRequests.Where(r => r.Id == request.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DueAtUtc, DateTime.UtcNow.AddDays(-1))));
        Assert.Equal("已逾期", (await buyer.GetPageAsync($"/orders/{orderId}")).Text("#payment-state"));
        Assert.Equal("已逾期", (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).Text($"#purchase-requests li[data-request='{request.Id}'] .request-status"));

        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, RiceFen, "paid")))).StatusCode);
        Assert.Equal("已付款", (await buyer.GetPageAsync($"/orders/{orderId}")).Text("#payment-state"));
        Assert.Equal("已付款", (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).Text($"#purchase-requests li[data-request='{request.Id}'] .request-status"));
    }

    [SkippableFact]
    public async Task AFailedCardAttemptShowsAsFailedUntilTheSessionCompletesAndAnExpiredSessionFreesTheOrders()
    {
        var client = Client();
        var (buyer, purchaseId, request) = await CardAsync(tea: false);
        var orderId = (await Factory.OrdersOfAsync(purchaseId)).Single();
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("payment_intent.payment_failed", StripeWebhooks.PaymentIntent("pi_fail_1", request.Key, RiceFen, "requires_payment_method")))).StatusCode);
        var page = await buyer.GetPageAsync($"/orders/{orderId}");
        Assert.Equal("付款失败", page.Text("#payment-state"));
        Assert.Contains("declined", page.Text("#order-payment .field-error"));
        // While the card page is open the order cannot be cancelled; once it expired, it can.
        var refused = await page.SubmitAsync(buyer, "#cancel-form", [new("CancelReason", "改期")]);
        Assert.Contains("撤回", refused.Text(".form-errors"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(StripeWebhooks.Event("checkout.session.expired", StripeWebhooks.Session(request.GatewayId!, request.Key, RiceFen, null, "unpaid", "expired")))).StatusCode);
        Assert.Equal(PaymentRequestStatus.Expired, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card)).Status);
        var cancelled = await (await buyer.GetPageAsync($"/orders/{orderId}")).SubmitAsync(buyer, "#cancel-form", [new("CancelReason", "改期")]);
        Assert.Equal("已取消", cancelled.Text("#order-status"));
    }

    [SkippableFact]
    public async Task AThousandDeliveriesInParallelAndShuffledLeaveEachOrderPaidOnceAndEachRefundAppliedOnce()
    {
        var client = Client();
        var card = await CardAsync();
        var invoice = await InvoicedAsync();
        var amount = RiceFen + TeaFen;
        const string paymentIntent = "pi_parallel_card";
        string[] paymentEvents =
        [
            StripeWebhooks.Event("checkout.session.completed", StripeWebhooks.Session(card.Request.GatewayId!, card.Request.Key, amount, paymentIntent)),
            StripeWebhooks.Event("payment_intent.succeeded", StripeWebhooks.PaymentIntent(paymentIntent, card.Request.Key, amount)),
            StripeWebhooks.Event("invoice.finalized", StripeWebhooks.Invoice(invoice.Request.GatewayId!, invoice.Request.Key, amount, "open")),
            StripeWebhooks.Event("invoice.paid", StripeWebhooks.Invoice(invoice.Request.GatewayId!, invoice.Request.Key, amount, "paid")),
            StripeWebhooks.Event("checkout.session.expired", StripeWebhooks.Session(card.Request.GatewayId!, card.Request.Key, amount, null, "unpaid", "expired")),
            StripeWebhooks.Event("customer.updated", new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_x", ["object"] = "customer" }),
        ];
        await DeliverAsync(client, paymentEvents, 500);

        foreach (var purchaseId in new[] { card.PurchaseId, invoice.PurchaseId })
        {
            Assert.Equal(1, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
            Assert.All(await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => o.Status).ToListAsync()), s => Assert.Equal(OrderStatus.Paid, s));
        }
        Assert.Equal(PaymentRequestStatus.Paid, (await Factory.RequestOfAsync(card.PurchaseId, PaymentRequestKind.Card)).Status);

        // Refunds through Stripe that stay pending until the webhooks say they succeeded: ¥300 of the card's tea, ¥1,040 of the invoice's rice.
        Factory.Stripe.RefundStatus = "pending";
        var admin = await SignedInClientAsync(Storefront.Web.Demo.DemoData.AdminEmail);
        var (cardRice, cardTea) = ((await Factory.OrdersOfAsync(card.PurchaseId))[0], (await Factory.OrdersOfAsync(card.PurchaseId))[1]);
        var invoiceRice = (await Factory.OrdersOfAsync(invoice.PurchaseId))[0];
        await (await admin.GetPageAsync($"/admin/orders/{cardTea}")).SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "300"), new("Refund.Reason", "部分茶叶破损")]);
        await (await admin.GetPageAsync($"/admin/orders/{invoiceRice}")).SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "1040"), new("Refund.Reason", "整单退货")]);
        var refunds = await Factory.WithDbAsync(db => db.Refunds.Where(r => r.OrderId == cardTea || r.OrderId == invoiceRice).OrderBy(r => r.Id).ToListAsync());
        Assert.All(refunds, r => Assert.Equal(RefundStatus.Pending, r.Status));
        Assert.Equal(paymentIntent, Factory.Stripe.Object(refunds[0].GatewayRefundId!)!["payment_intent"]!.GetValue<string>());
        Assert.Equal($"pi_for_{invoice.Request.GatewayId}", Factory.Stripe.Object(refunds[1].GatewayRefundId!)!["payment_intent"]!.GetValue<string>());

        string[] refundEvents =
        [
            // charge.refunded as newer versions send it (no refund list), and refund.updated naming each refund.
            StripeWebhooks.Event("charge.refunded", StripeWebhooks.Charge("ch_card", paymentIntent, amount, 30_000)),
            StripeWebhooks.Event("refund.updated", StripeWebhooks.Refund(refunds[0].GatewayRefundId!, refunds[0].Key, 30_000, paymentIntent)),
            StripeWebhooks.Event("charge.refunded", StripeWebhooks.Charge("ch_inv", $"pi_for_{invoice.Request.GatewayId}", amount, RiceFen,
                StripeWebhooks.Refund(refunds[1].GatewayRefundId!, refunds[1].Key, RiceFen, $"pi_for_{invoice.Request.GatewayId}"))),
        ];
        await DeliverAsync(client, [.. paymentEvents, .. refundEvents], 500);

        var after = await Factory.WithDbAsync(db => db.Refunds.Where(r => r.OrderId == cardTea || r.OrderId == invoiceRice).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.All(after, s => Assert.Equal(RefundStatus.Succeeded, s));
        Assert.Equal(OrderStatus.Refunded, await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == invoiceRice).Select(o => o.Status).SingleAsync()));
        var entries = await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == cardRice || e.OrderId == cardTea || e.OrderId == invoiceRice)
            .GroupBy(e => new { e.OrderId, e.Kind }).Select(g => new { g.Key.OrderId, g.Key.Kind, Count = g.Count(), Sum = g.Sum(e => e.AmountFen) }).ToListAsync());
        Assert.Contains(entries, e => e.OrderId == cardRice && e.Kind == QuotaEntryKind.PaymentConfirmed && e.Count == 1 && e.Sum == RiceFen);
        Assert.Contains(entries, e => e.OrderId == cardTea && e.Kind == QuotaEntryKind.PaymentConfirmed && e.Count == 1 && e.Sum == TeaFen);
        Assert.Contains(entries, e => e.OrderId == cardTea && e.Kind == QuotaEntryKind.Refund && e.Count == 1 && e.Sum == -30_000);
        Assert.Contains(entries, e => e.OrderId == invoiceRice && e.Kind == QuotaEntryKind.Refund && e.Count == 1 && e.Sum == -RiceFen);
        Assert.Equal(refundEvents.Length + paymentEvents.Length, await Factory.WithDbAsync(db => db.GatewayEvents.CountAsync(e => paymentEvents.Concat(refundEvents).Select(Id).Contains(e.Id))));

        using var scope = Factory.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year);
        Assert.DoesNotContain(report.Findings, f => f.Source is "payments" or "refunds");
    }

    private static string Id(string payload) => System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("id").GetString()!;

    /// <summary>Each event many times, shuffled, sixteen deliveries at a time; every delivery must be acknowledged.</summary>
    private static async Task DeliverAsync(HttpClient client, string[] events, int deliveries)
    {
        var random = new Random(20261129);
        var batch = Enumerable.Range(0, deliveries).Select(i => events[i % events.Length]).OrderBy(_ => random.Next()).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (payload, ct) =>
            statuses.Add((await client.PostSignedAsync(payload)).StatusCode));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
