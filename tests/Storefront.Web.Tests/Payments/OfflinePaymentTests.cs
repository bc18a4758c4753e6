using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Payments;

public class OfflinePaymentsOnSqlite(StorefrontFactory factory) : OfflinePaymentTests<StorefrontFactory>(factory);
public class OfflinePaymentsOnPostgreSql(PostgreSqlStorefrontFactory factory) : OfflinePaymentTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// The shop with no Stripe keys: bank transfer only, recorded by an admin; refunds recorded by admins and suppliers,
/// whole or in part, each counted once against the quota; settlements that add up to the orders.
/// </summary>
public abstract class OfflinePaymentTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>Rice and tea bought by a new hospital buyer and paid by a bank transfer the admin records: the purchase and its two orders.</summary>
    private async Task<(HttpClient Buyer, long PurchaseId, long Rice, long Tea)> PaidByTransferAsync()
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        var checkout = await buyer.GetPageAsync("/cart/checkout");
        Assert.Null(checkout.Find("#payment-choice"));
        Assert.NotNull(checkout.Find("#pay-by-transfer"));
        var purchase = await checkout.SubmitAsync(buyer, "#checkout-form");
        var purchaseId = PurchaseIdOf(purchase);
        Assert.Contains(purchase.Text("#purchase-title").Split(' ').Last(), purchase.Text("#payment-instructions"));
        Assert.Null(purchase.Find("#pay-online"));

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var record = await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}");
        Assert.Equal("4270.00", record.Get("#Transfer_Amount").GetAttribute("value"));
        var paid = await record.SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        Assert.Contains("已登记", paid.Text(".flash"));
        var orders = await Factory.OrdersOfAsync(purchaseId);
        return (buyer, purchaseId, orders[0], orders[1]);
    }

    private Task<long> LedgerOfOrderAsync(long orderId) => Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == orderId).SumAsync(e => e.AmountFen));

    [SkippableFact]
    public async Task OfflineABankTransferPaysAndAPartThenTheRestRefundedBringTheOrdersQuotaBackToNothingInTheYearMade()
    {
        Client();
        var (buyer, _, rice, tea) = await PaidByTransferAsync();
        Assert.Equal((RiceFen, TeaFen), (await LedgerOfOrderAsync(rice), await LedgerOfOrderAsync(tea)));
        var buyerView = await buyer.GetPageAsync($"/orders/{tea}");
        Assert.Equal("已付款", buyerView.Text("#payment-state"));
        Assert.Null(buyerView.Find("#refund-form"));

        // The supplier refunds part of its own order; the reason is required and the amount capped.
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var page = await yongshun.GetPageAsync($"/supplier/orders/{tea}");
        var noReason = await page.SubmitAsync(yongshun, "#refund-form", [new("Refund.Amount", "500"), new("Refund.Reason", " ")]);
        Assert.Contains("退款原因", string.Join(" ", noReason.Errors));
        var tooMuch = await page.SubmitAsync(yongshun, "#refund-form", [new("Refund.Amount", "3230.01"), new("Refund.Reason", "破损")]);
        Assert.Contains("¥3,230.00", string.Join(" ", tooMuch.Errors));
        var part = await page.SubmitAsync(yongshun, "#refund-form", [new("Refund.Amount", "500"), new("Refund.Reason", "部分破损")]);
        Assert.Matches(@"(^|[^\d,])¥500\.00", part.Text(".flash"));
        Assert.Equal("部分退款", part.Text("#payment-state"));
        Assert.Equal("已付款", part.Text("#order-status"));
        Assert.Equal(TeaFen - 50_000, await LedgerOfOrderAsync(tea));

        // Another supplier cannot refund it; the admin refunds the rest, and the order is Refunded.
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await dongkou.GetAsync($"/supplier/orders/{tea}")).StatusCode);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var adminPage = await admin.GetPageAsync($"/admin/orders/{tea}");
        Assert.Equal("2730.00", adminPage.Get("#Refund_Amount").GetAttribute("value"));
        var rest = await adminPage.SubmitAsync(admin, "#refund-form", [new("Refund.Reason", "整单退货")]);
        Assert.Equal("已退款", rest.Text("#order-status"));
        Assert.Equal("已全额退款", rest.Text("#payment-state"));
        Assert.Null(rest.Find("#refund-form"));
        Assert.Equal(0, await LedgerOfOrderAsync(tea));
        var refunds = await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == tea && e.Kind == QuotaEntryKind.Refund).OrderBy(e => e.Id).Select(e => new { e.AmountFen, e.SourceKey, e.Year }).ToListAsync());
        Assert.Equal([-50_000L, -273_000L], refunds.Select(r => r.AmountFen));
        Assert.All(refunds, r => Assert.StartsWith("refund:", r.SourceKey));
        Assert.All(refunds, r => Assert.Equal(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year, r.Year));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Payment.Refund" && a.SubjectId == tea.ToString())));
        // Stock of a refunded order that never shipped goes back on sale.
        Assert.Null(await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == tea).Select(o => o.StockReservedAtUtc).SingleAsync()));

        using var scope = Factory.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year);
        Assert.Contains("payments", report.Sources);
        Assert.Contains("refunds", report.Sources);
        Assert.DoesNotContain(report.Findings, f => f.Source is "payments" or "refunds");
        Assert.DoesNotContain(await Factory.WithDbAsync(db => db.PaymentRequests.Select(r => r.Id).ToListAsync()), _ => true);
    }

    [SkippableFact]
    public async Task ARefundAfterTheOrdersCountyIsTakenOffTheListSubtractsWhatItsPaymentCounted()
    {
        Client();
        var (_, _, rice, tea) = await PaidByTransferAsync();
        Assert.Equal(TeaFen, await LedgerOfOrderAsync(tea));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        // 永顺县, where the tea comes from, leaves the list after the payment counted; its orders' refunds still subtract.
        var counties = await admin.GetPageAsync("/admin/designated-counties");
        await counties.SubmitAsync(admin, "form[action*='handler=Remove'][action*='code=433127']");
        try
        {
            Assert.Equal(1, await Factory.WithDbAsync(db => db.DesignatedCounties.CountAsync(c => c.CountyCode == "433127" && c.RemovedAtUtc != null)));
            var part = await (await admin.GetPageAsync($"/admin/orders/{tea}")).SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "1000"), new("Refund.Reason", "部分破损")]);
            Assert.Contains("¥1,000.00", part.Text(".flash"));
            Assert.Equal(TeaFen - 100_000, await LedgerOfOrderAsync(tea));
            await (await admin.GetPageAsync($"/admin/orders/{tea}")).SubmitAsync(admin, "#refund-form", [new("Refund.Reason", "整单退货")]);
            Assert.Equal(0, await LedgerOfOrderAsync(tea));
            Assert.Equal(RiceFen, await LedgerOfOrderAsync(rice));

            using var scope = Factory.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<QuotaReconciliation>().RunAsync(Core.Money.ShanghaiTime.FromUtc(DateTime.UtcNow).Year);
            Assert.DoesNotContain(report.Findings, f => f.Source is "payments" or "refunds");
        }
        finally
        {
            // Back on the list (a new period) for the other tests of the class.
            await (await admin.GetPageAsync("/admin/designated-counties")).SubmitAsync(admin, "#add-form", [new("CountyCode", "433127")]);
        }
        Assert.Equal(2, await Factory.WithDbAsync(db => db.DesignatedCounties.CountAsync(c => c.CountyCode == "433127")));
    }

    [SkippableFact]
    public async Task OfflineTheContentSecurityPolicyLetsFormsPostToTheShopOnly()
    {
        var response = await Client().GetAsync("/");
        Assert.Contains("form-action 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client().PostAsync(WebhookPath, new StringContent("{}"))).StatusCode);
    }

    [SkippableFact]
    public async Task TheSettlementAddsUpToTheSuppliersOrdersAndAdminsRecordPayoutsUpToWhatIsOwed()
    {
        Client();
        var (buyer, _, rice, _) = await PaidByTransferAsync();
        var dongkouId = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == rice).Select(o => o.SupplierId).SingleAsync());
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        // The rice is shipped and received (completed), then ¥40 refunded for a shortfall.
        var supplierPage = await (await dongkou.GetPageAsync($"/supplier/orders/{rice}")).SubmitAsync(dongkou, "#accept-form");
        var line = supplierPage.Get("#ship-form input[data-line]").GetAttribute("name")!;
        await supplierPage.SubmitAsync(dongkou, "#ship-form", [new(line, "200"), new("Carrier", "顺丰速运")]);
        var received = await (await buyer.GetPageAsync($"/orders/{rice}")).SubmitAsync(buyer, "#receive-form-1");
        Assert.Equal("已完成", received.Text("#order-status"));
        await (await dongkou.GetPageAsync($"/supplier/orders/{rice}")).SubmitAsync(dongkou, "#refund-form", [new("Refund.Amount", "40"), new("Refund.Reason", "短少")]);

        var statement = await dongkou.GetPageAsync("/supplier/settlement");
        var expected = await Factory.WithDbAsync(async db =>
        {
            var orders = await db.Orders.Where(o => o.SupplierId == dongkouId && o.PaidAtUtc != null).Select(o => new
            {
                o.TotalFen, o.Status, Refunded = db.Refunds.Where(r => r.OrderId == o.Id && r.Status == RefundStatus.Succeeded).Sum(r => (long?)r.AmountFen) ?? 0,
            }).ToListAsync();
            return (Paid: orders.Sum(o => o.TotalFen), Refunded: orders.Sum(o => o.Refunded),
                Owed: orders.Where(o => o.Status == OrderStatus.Completed).Sum(o => o.TotalFen - o.Refunded));
        });
        Assert.Equal(Core.Money.Fen.Format(expected.Paid), statement.Text("#settlement-paid"));
        Assert.Equal(Core.Money.Fen.Format(expected.Refunded), statement.Text("#settlement-refunded"));
        Assert.Equal(Core.Money.Fen.Format(expected.Owed), statement.Text("#settlement-owed"));
        Assert.Equal(Core.Money.Fen.Format(expected.Paid - expected.Refunded - expected.Owed), statement.Text("#settlement-awaiting"));
        Assert.Contains(statement.All("#settlement-orders tr[data-order]"), r => r.GetAttribute("data-order") == rice.ToString());
        Assert.True(expected.Owed >= RiceFen - 4_000);

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var form = await admin.GetPageAsync($"/admin/settlements/{dongkouId}");
        Assert.Equal(statement.Text("#settlement-owed"), form.Text("#settlement-balance"));
        var tooMuch = await form.SubmitAsync(admin, "#settlement-form", [new("Input.Amount", Core.Money.Fen.ToYuanText(expected.Owed + 1)), new("Input.Reference", "NB-1")]);
        Assert.Contains(Core.Money.Fen.Format(expected.Owed), string.Join(" ", tooMuch.Errors));
        var recorded = await form.SubmitAsync(admin, "#settlement-form", [new("Input.Amount", "1000"), new("Input.Reference", "NB-2")]);
        Assert.Contains("¥1,000.00", recorded.Text(".flash"));
        // The same form again records nothing more.
        await form.SubmitAsync(admin, "#settlement-form", [new("Input.Amount", "1000"), new("Input.Reference", "NB-2")]);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.SupplierSettlements.CountAsync(s => s.SupplierId == dongkouId && s.Reference == "NB-2")));
        var after = await dongkou.GetPageAsync("/supplier/settlement");
        Assert.Equal("¥1,000.00", after.Text("#settlement-settled"));
        Assert.Equal(Core.Money.Fen.Format(expected.Owed - 100_000), after.Text("#settlement-balance"));
        Assert.Contains(await admin.GetPageAsync("/admin/settlements") is var index ? index.All("#settlement-suppliers tr[data-supplier]") : [], r => r.GetAttribute("data-supplier") == dongkouId.ToString());

        var csv = await dongkou.GetAsync("/supplier/settlement?handler=Export&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains(await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == rice).Select(o => o.Number).SingleAsync()), text);
        var xlsx = await admin.GetAsync($"/admin/settlements/{dongkouId}?handler=Export&format=xlsx");
        Assert.Equal(Web.Tables.TableFiles.XlsxContentType, xlsx.Content.Headers.ContentType!.ToString());
        var table = await Web.Tables.TableFiles.ReadAsync(await xlsx.Content.ReadAsStreamAsync(), 10_000);
        Assert.NotNull(table.Table);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Payment.RecordSettlement" && a.SubjectId == dongkouId.ToString())));
    }
}
