using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Money;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests.Payments;

/// <summary>
/// Paying by transfer for real, offline (no Stripe): an admin sets the collection account, a hospital checks out and
/// sees where to transfer and what to write, prints the payment notice, pays in two instalments that an admin records
/// one by one, and the order is paid and counted towards the quota once the second covers it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BankTransferJourneyTests(BrowserFixture browser)
{
    private const string Tea = "永顺莓茶 250g";
    private const string Hospital = "长沙市天心区人民医院";

    [SkippableFact]
    public async Task AHospitalPaysAnOrderInTwoTransfersThatAnAdminRecordsAndTheOrderCountsOnceCovered()
    {
        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await admin.GotoAsync("/admin/settings");
        await admin.FillAsync("#Account_Holder", "湖南消费帮扶服务有限公司");
        await admin.FillAsync("#Account_Bank", "中国工商银行长沙岳麓支行");
        await admin.FillAsync("#Account_Number", "1901001209200123456");
        await admin.ClickAsync("#account-save");
        await Assertions.Expect(admin.Locator(".flash")).ToHaveTextAsync("设置已保存。");

        // The hospital's orders go straight on to payment, so that checkout makes the tea due at once.
        await browser.Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Hospital)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null)));
        var tea = await browser.Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == Tea).Select(l => l.Id).SingleAsync());
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "buyer"));
        await buyer.ClickAsync("#nav-quota");
        var countedBefore = Fen.ParseYuan(await buyer.Locator("#quota-counted").TextContentAsync())!.Value;

        await buyer.GotoAsync("/cart/quick-order");
        await buyer.FillAsync("#Lines", $"L{tea}, 10");
        await buyer.ClickAsync("#quick-order-submit");
        await buyer.ClickAsync("#go-to-cart");
        await buyer.ClickAsync("#checkout-link");
        await buyer.ClickAsync("#place-order");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex("/orders/purchases/\\d+$"));
        var purchaseNumber = (await buyer.Locator("#purchase-title").TextContentAsync())!.Split(' ').Last();
        var orderNumber = (await buyer.Locator("#purchase-orders tbody tr td:first-child a").TextContentAsync())!.Trim();
        var total = Fen.ParseYuan(await buyer.Locator("#account-amount").TextContentAsync())!.Value;

        // Right after checkout: the account, and the purchase number to write as the reference.
        await Assertions.Expect(buyer.Locator("#account-holder")).ToHaveTextAsync("湖南消费帮扶服务有限公司");
        await Assertions.Expect(buyer.Locator("#account-bank")).ToHaveTextAsync("中国工商银行长沙岳麓支行");
        await Assertions.Expect(buyer.Locator("#account-number")).ToHaveTextAsync("1901 0012 0920 0123 456");
        await Assertions.Expect(buyer.Locator("#account-reference")).ToHaveTextAsync(purchaseNumber);
        // The accountant prints the notice: the amount in figures and in capitals.
        await buyer.ClickAsync("#payment-notice-link");
        await Assertions.Expect(buyer.Locator("#notice-title")).ToHaveTextAsync("付款通知书");
        await Assertions.Expect(buyer.Locator("#notice-amount")).ToHaveTextAsync(Fen.Format(total));
        await Assertions.Expect(buyer.Locator("#notice-amount-words")).ToHaveTextAsync("人民币" + ChineseCapitalAmount.Of(total));
        await Assertions.Expect(buyer.Locator("#notice-orders tbody tr")).ToHaveCountAsync(1);

        // The first instalment: a little more than half.
        var first = total / 2 + 1_000;
        await admin.ClickAsync("#nav-admin-orders");
        await admin.FillAsync("#q", purchaseNumber);
        await admin.CheckAsync("#due");
        await admin.ClickAsync("#admin-orders-search button[type=submit]");
        await admin.ClickAsync($"#admin-purchases a:has-text('{purchaseNumber}')");
        await Assertions.Expect(admin.Locator("#Transfer_Amount")).ToHaveValueAsync(Fen.ToYuanText(total));
        await Assertions.Expect(admin.Locator("#Transfer_Payer")).ToHaveValueAsync(Hospital);
        await admin.FillAsync("#Transfer_Amount", Fen.ToYuanText(first));
        await admin.FillAsync("#Transfer_Reference", "ICBC-20261205-000101");
        await admin.ClickAsync("#record-transfer");
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync($"已登记 {Fen.Format(first)}");
        await Assertions.Expect(admin.Locator("#transfers-remaining")).ToHaveTextAsync(Fen.Format(total - first));
        await Assertions.Expect(admin.Locator("#purchase-orders .status")).ToHaveTextAsync("待付款");

        // The buyer sees the part received and what remains to pay.
        await buyer.GotoAsync("/orders");
        await buyer.ClickAsync($"a:has-text('{orderNumber}')");
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("部分到账");
        await Assertions.Expect(buyer.Locator("#account-amount")).ToHaveTextAsync(Fen.Format(total - first));

        // The second covers the rest: the form proposes it, and the order is paid.
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator("#Transfer_Amount")).ToHaveValueAsync(Fen.ToYuanText(total - first));
        await admin.FillAsync("#Transfer_Reference", "ICBC-20261205-000102");
        await admin.ClickAsync("#record-transfer");
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync($"已付清的订单：{orderNumber}");
        await Assertions.Expect(admin.Locator("#purchase-orders .status")).ToHaveTextAsync("已付款");
        await Assertions.Expect(admin.Locator("#transfer-rows tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.Locator("#nothing-due")).ToBeVisibleAsync();

        // Paid and counted, once, towards the hospital's quota; the history names the method in Chinese.
        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("已付款");
        await Assertions.Expect(buyer.Locator("#order-history")).ToContainTextAsync("银行转账 ICBC-20261205-000102");
        await buyer.ClickAsync("#nav-quota");
        await Assertions.Expect(buyer.Locator("#quota-counted")).ToHaveTextAsync(Fen.Format(countedBefore + total));
        await Assertions.Expect(buyer.Locator("#quota-entries tbody tr", new() { HasText = orderNumber })).ToHaveCountAsync(1);
    }
}
