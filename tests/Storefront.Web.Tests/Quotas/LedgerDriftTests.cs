using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Payments;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Quotas;
using Storefront.Web.Tests.Payments;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Quotas;

public class LedgerDriftOnSqlite(StripeStorefrontFactory factory) : LedgerDriftTests<StripeStorefrontFactory>(factory);
public class LedgerDriftOnPostgreSql(PostgreSqlStripeStorefrontFactory factory) : LedgerDriftTests<PostgreSqlStripeStorefrontFactory>(factory);

/// <summary>
/// Card payments, refunds made in the shop and in the Stripe Dashboard, refunds that fail after they succeeded and a
/// county taken off the list, in a random order (seeded), each event delivered twice: the reconciliation command finds
/// no drift. (832 amount changes in random order are in Storefront.Platform832.Tests' FollowerTests.)
/// </summary>
public abstract class LedgerDriftTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StripeStorefrontFactory
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PaymentsRefundsFailedRefundsAndACountyRemovalInRandomOrderLeaveNoDrift(int seed)
    {
        var random = new Random(seed);
        var client = Client();
        Factory.Stripe.RefundStatus = "succeeded";
        await Factory.WithoutApprovalAsync(Hospital);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var paid = new List<(long Rice, long Tea, string PaymentIntent)>();
        var succeeded = new List<string>();
        var countyRemoved = false;

        async Task DeliverAsync(params string[] events)
        {
            foreach (var payload in events.Concat(events).OrderBy(_ => random.Next()))
                Assert.Equal(HttpStatusCode.OK, (await client.PostSignedAsync(payload)).StatusCode);
        }
        async Task PayAsync()
        {
            // Once 永顺县 is off the list its tea is off sale: rice alone.
            var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: !countyRemoved);
            await buyer.CheckOutWithAsync("Card");
            var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
            var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
            var paymentIntent = $"pi_drift_{Guid.NewGuid():N}";
            await DeliverAsync(StripeWebhooks.Event("checkout.session.completed", StripeWebhooks.Session(request.GatewayId!, request.Key, request.AmountFen, paymentIntent)));
            var orders = await Factory.OrdersOfAsync(purchaseId);
            paid.Add((orders[0], orders.Count > 1 ? orders[1] : 0, paymentIntent));
        }
        Task<long> RefundableAsync(long orderId, long totalFen) => Factory.WithDbAsync(db =>
            db.Refunds.Where(r => r.OrderId == orderId && r.Status != RefundStatus.Failed).SumAsync(r => r.AmountFen)).ContinueWith(t => totalFen - t.Result);

        await PayAsync();
        try
        {
            for (var step = 0; step < 12; step++)
            {
                var (rice, tea, paymentIntent) = paid[random.Next(paid.Count)];
                var paidFen = tea == 0 ? RiceFen : RiceFen + TeaFen;
                var left = await RefundableAsync(rice, RiceFen) + (tea == 0 ? 0 : await RefundableAsync(tea, TeaFen));
                switch (random.Next(5))
                {
                    case 0:
                        await PayAsync();
                        break;
                    case 1 when left > 0:
                        var refund = Factory.Stripe.RefundInDashboard(paymentIntent, 1 + random.NextInt64(Math.Min(left, 200_000)));
                        await DeliverAsync(
                            StripeWebhooks.Event("refund.created", (JsonObject)refund.DeepClone()),
                            StripeWebhooks.Event("charge.refunded", StripeWebhooks.Charge($"ch_{paymentIntent}", paymentIntent, paidFen, paidFen - left, refund)));
                        succeeded.Add(refund["id"]!.GetValue<string>());
                        break;
                    case 2 when tea != 0 && await RefundableAsync(tea, TeaFen) is var teaLeft && teaLeft > 0:
                        var yuan = Core.Money.Fen.ToYuanText(1 + random.NextInt64(teaLeft));
                        await (await admin.GetPageAsync($"/admin/orders/{tea}")).SubmitAsync(admin, "#refund-form", [new("Refund.Amount", yuan), new("Refund.Reason", "抽检")]);
                        await Factory.RunOutboxAsync();
                        succeeded.AddRange(await Factory.WithDbAsync(db => db.Refunds.Where(r => r.OrderId == tea && r.Status == RefundStatus.Succeeded && r.GatewayRefundId != null && r.Via == RefundVia.Gateway)
                            .Select(r => r.GatewayRefundId!).ToListAsync()));
                        break;
                    case 3 when succeeded.Count > 0:
                        var id = succeeded[random.Next(succeeded.Count)];
                        var failed = Factory.Stripe.RefundFails(id);
                        await DeliverAsync(StripeWebhooks.Event(random.Next(2) == 0 ? "refund.failed" : "refund.updated", failed));
                        succeeded.RemoveAll(s => s == id);
                        break;
                    case 4 when !countyRemoved:
                        await (await admin.GetPageAsync("/admin/designated-counties")).SubmitAsync(admin, "form[action*='handler=Remove'][action*='code=433127']");
                        countyRemoved = true;
                        break;
                }
                succeeded = succeeded.Distinct().ToList();
            }

            using var scope = Factory.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year);
            using var output = new StringWriter();
            QuotaCommands.Write(output, report);
            Assert.True(report.IsClean, output.ToString());
            Assert.EndsWith("No drift." + Environment.NewLine, output.ToString());
            // Each order's ledger is its paid amount less the refunds that stand (failed ones given back).
            foreach (var (rice, tea, _) in paid)
                foreach (var (order, total) in new[] { (rice, RiceFen), (tea, TeaFen) }.Where(o => o.Item1 != 0))
                    Assert.Equal(await RefundableAsync(order, total), await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == order).SumAsync(e => e.AmountFen)));
        }
        finally
        {
            if (countyRemoved)
                await (await admin.GetPageAsync("/admin/designated-counties")).SubmitAsync(admin, "#add-form", [new("CountyCode", "433127")]);
        }
    }
}
