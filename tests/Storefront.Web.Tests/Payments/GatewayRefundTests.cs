using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Quotas;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Payments;

public class GatewayRefundsOnSqlite(StripeStorefrontFactory factory) : GatewayRefundTests<StripeStorefrontFactory>(factory);
public class GatewayRefundsOnPostgreSql(PostgreSqlStripeStorefrontFactory factory) : GatewayRefundTests<PostgreSqlStripeStorefrontFactory>(factory);

/// <summary>
/// Every refund Stripe reports for a payment of ours counts once, whoever made it (the shop, or someone in Stripe's
/// Dashboard with none of our metadata); a refund that fails after it succeeded gives its amount back, once.
/// </summary>
public abstract class GatewayRefundTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StripeStorefrontFactory
{
    /// <summary>A card purchase of rice and tea by a new hospital buyer, paid (Checkout completed): its orders and payment intent.</summary>
    private async Task<(long Rice, long Tea, string PaymentIntent)> PaidByCardAsync()
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        await buyer.CheckOutWithAsync("Card");
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
        var paymentIntent = $"pi_test_{Guid.NewGuid():N}";
        await DeliverAsync(StripeWebhooks.Event("checkout.session.completed",
            StripeWebhooks.Session(request.GatewayId!, request.Key, RiceFen + TeaFen, paymentIntent)));
        var orders = await Factory.OrdersOfAsync(purchaseId);
        Assert.Equal(RiceFen + TeaFen, await LedgerOfAsync(orders[0], orders[1]));
        return (orders[0], orders[1], paymentIntent);
    }

    private async Task DeliverAsync(params string[] events)
    {
        var client = Client();
        foreach (var payload in events) Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);
    }

    private static JsonObject Copy(JsonObject o) => (JsonObject)o.DeepClone();

    private Task<long> LedgerOfAsync(params long[] orders) =>
        Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId != null && orders.Contains(e.OrderId.Value)).SumAsync(e => e.AmountFen));

    private async Task AssertNoDriftAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year);
        Assert.DoesNotContain(report.Findings, f => f.Source is "payments" or "refunds");
    }

    [SkippableFact]
    public async Task ARefundMadeInTheStripeDashboardCountsOnceHoweverItsEventsArriveAndSplitsOverThePaymentsOrders()
    {
        var (rice, tea, paymentIntent) = await PaidByCardAsync();
        // ¥1,500 refunded by hand at Stripe: more than the rice order, so it reaches the tea order too.
        var refund = Factory.Stripe.RefundInDashboard(paymentIntent, 150_000);
        var id = refund["id"]!.GetValue<string>();
        string[] events =
        [
            StripeWebhooks.Event("refund.created", Copy(refund)),
            StripeWebhooks.Event("charge.refunded", StripeWebhooks.Charge("ch_dash", paymentIntent, RiceFen + TeaFen, 150_000, refund)),
            StripeWebhooks.Event("refund.updated", Copy(refund)),
        ];
        await DeliverAsync([.. events, .. events.Reverse(), .. events]);

        var recorded = await Factory.WithDbAsync(db => db.Refunds.AsNoTracking().Where(r => r.GatewayRefundId == id).OrderBy(r => r.OrderId).ToListAsync());
        Assert.Equal([(rice, RiceFen), (tea, 150_000 - RiceFen)], recorded.Select(r => (r.OrderId, r.AmountFen)));
        Assert.All(recorded, r => Assert.Equal(RefundStatus.Succeeded, r.Status));
        Assert.Equal(RiceFen + TeaFen - 150_000, await LedgerOfAsync(rice, tea));
        Assert.Equal(0, await LedgerOfAsync(rice));
        Assert.Equal(OrderStatus.Refunded, await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == rice).Select(o => o.Status).SingleAsync()));
        var entries = await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync(e => (e.OrderId == rice || e.OrderId == tea) && e.Kind == QuotaEntryKind.Refund));
        Assert.Equal(2, entries);

        // What is left to refund in the shop knows of it.
        var admin = await SignedInClientAsync(Storefront.Web.Demo.DemoData.AdminEmail);
        Assert.Equal("2770.00", (await admin.GetPageAsync($"/admin/orders/{tea}")).Get("#Refund_Amount").GetAttribute("value"));
        await AssertNoDriftAsync();
    }

    [SkippableFact]
    public async Task ARefundOfAPaymentThatIsNotOursIsStoredAndChangesNothing()
    {
        Client();
        var before = await Factory.WithDbAsync(db => db.QuotaEntries.SumAsync(e => e.AmountFen));
        var refund = Factory.Stripe.RefundInDashboard("pi_of_another_shop", 10_000);
        await DeliverAsync(StripeWebhooks.Event("refund.created", Copy(refund)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Refunds.CountAsync(r => r.GatewayRefundId == refund["id"]!.GetValue<string>())));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.QuotaEntries.SumAsync(e => e.AmountFen)));
    }

    [SkippableFact]
    public async Task ARefundThatFailsAfterItSucceededGivesItsAmountBackToTheQuotaOnce()
    {
        var (rice, tea, paymentIntent) = await PaidByCardAsync();
        Factory.Stripe.RefundStatus = "succeeded";
        var admin = await SignedInClientAsync(Storefront.Web.Demo.DemoData.AdminEmail);
        await (await admin.GetPageAsync($"/admin/orders/{tea}")).SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "300"), new("Refund.Reason", "部分茶叶破损")]);
        await Factory.RunOutboxAsync();
        var ours = await Factory.WithDbAsync(db => db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == tea));
        Assert.Equal(RefundStatus.Succeeded, ours.Status);
        Assert.Equal(TeaFen - 30_000, await LedgerOfAsync(tea));

        // The buyer's card was closed: Stripe reports the refund failed (refund.failed, then refund.updated), each twice.
        var failed = Factory.Stripe.RefundFails(ours.GatewayRefundId!);
        string[] events = [StripeWebhooks.Event("refund.failed", Copy(failed)), StripeWebhooks.Event("refund.updated", Copy(failed))];
        await DeliverAsync([.. events, .. events]);
        Assert.Equal(TeaFen, await LedgerOfAsync(tea));
        var after = await Factory.WithDbAsync(db => db.Refunds.AsNoTracking().SingleAsync(r => r.OrderId == tea));
        Assert.Equal(RefundStatus.Failed, after.Status);
        Assert.NotNull(after.ReversedAtUtc);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync(e => e.OrderId == tea && e.Kind == QuotaEntryKind.RefundReversed)));
        Assert.Equal("3230.00", (await admin.GetPageAsync($"/admin/orders/{tea}")).Get("#Refund_Amount").GetAttribute("value"));

        // A Dashboard refund that succeeds and then fails is given back the same way.
        var dashboard = Factory.Stripe.RefundInDashboard(paymentIntent, 20_000);
        await DeliverAsync(StripeWebhooks.Event("refund.created", Copy(dashboard)));
        Assert.Equal(RiceFen - 20_000, await LedgerOfAsync(rice));
        var dashboardFailed = Factory.Stripe.RefundFails(dashboard["id"]!.GetValue<string>());
        await DeliverAsync(StripeWebhooks.Event("refund.updated", Copy(dashboardFailed)), StripeWebhooks.Event("refund.failed", Copy(dashboardFailed)));
        Assert.Equal(RiceFen, await LedgerOfAsync(rice));
        await AssertNoDriftAsync();
    }
}
