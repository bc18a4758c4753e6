using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests.Quotas;

/// <summary>
/// From a provincial rule to a school's completion rate, as the people involved do it: an admin sets 15% for Hunan,
/// the school's org admin files a base of ¥960,000, the admin approves (quota ¥144,000); the school buys 5,000 kg of
/// potatoes (¥14,400), its approver approves, an admin records the bank transfer, and 10% shows on the school's panel
/// and on the dashboard; the cooperative refunds ¥1,440 and both show 9%.
/// </summary>
[Collection(BrowserCollection.Name)]
public class QuotaJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AnAdminsRuleASchoolsFilingAndItsPaymentsShowTheCompletionRateEverywhere()
    {
        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await admin.ClickAsync("#nav-quota-admin");
        await admin.ClickAsync(".tabs a[href^='/admin/quotas/rules']");
        await admin.SelectOptionAsync("#Input_Level", "Province");
        await admin.FillAsync("#Input_RegionCode", "430000");
        await admin.FillAsync("#Input_Ratio", "15");
        await admin.ClickAsync("#rule-submit");
        await Assertions.Expect(admin.Locator("#rules tr[data-region='430000'] .rule-ratio")).ToHaveTextAsync("15.00%");

        var schoolAdmin = await browser.SignedInAsync(DemoData.MemberEmail("school", "admin"));
        await schoolAdmin.ClickAsync("#nav-quota");
        await schoolAdmin.ClickAsync("#filing-link");
        await Assertions.Expect(schoolAdmin.Locator("#filing-rule")).ToContainTextAsync("15.00%");
        await schoolAdmin.CheckAsync("#kind-canteen");
        await schoolAdmin.FillAsync("#Input_Base", "960000");
        await schoolAdmin.ClickAsync("#filing-submit");
        await Assertions.Expect(schoolAdmin.Locator("#filing-state")).ToHaveTextAsync("待审核");

        var schoolId = await browser.Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == "长沙市岳麓区实验中学").Select(o => o.Id).SingleAsync());
        await admin.ClickAsync(".tabs a[href^='/admin/quotas/filings']");
        var card = admin.Locator($"#filings li[data-organisation='{schoolId}']");
        await Assertions.Expect(card.Locator(".filing-preview")).ToContainTextAsync("¥144,000.00");
        await card.Locator(".approve-form button").ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("¥144,000.00");

        // 5,000 kg reaches the potatoes' third tier (¥2.88): ¥14,400, above the school's threshold.
        var potatoes = await browser.Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == "汝城土豆").Select(l => l.Id).SingleAsync());
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("school", "buyer"));
        await buyer.GotoAsync("/cart/quick-order");
        await buyer.FillAsync("#Lines", $"L{potatoes} 5000");
        await buyer.ClickAsync("#quick-order-submit");
        await buyer.ClickAsync("#go-to-cart");
        await Assertions.Expect(buyer.Locator("#cart-total")).ToHaveTextAsync("¥14,400.00");
        await buyer.ClickAsync("#checkout-link");
        await buyer.ClickAsync("#place-order");
        var purchaseNumber = (await buyer.Locator("#purchase-title").TextContentAsync())!.Split(' ').Last();
        var orderNumber = (await buyer.Locator("#purchase-orders tbody tr td:first-child a").TextContentAsync())!.Trim();

        var approver = await browser.SignedInAsync(DemoData.MemberEmail("school", "approver"));
        await approver.ClickAsync("#nav-approvals");
        await approver.Locator("#approval-queue > li", new() { HasText = orderNumber }).Locator("button[value=Approve]").ClickAsync();
        await Assertions.Expect(approver.Locator(".flash")).ToContainTextAsync(purchaseNumber);

        await Journeys.RecordTransferAsync(admin, purchaseNumber, "14400.00", "BOC-20261129-7781");
        await buyer.ClickAsync("#nav-quota");
        await Assertions.Expect(buyer.Locator("#quota-reserved")).ToHaveTextAsync("¥144,000.00");
        await Assertions.Expect(buyer.Locator("#quota-completion")).ToHaveTextAsync("10.00%");

        // The admin drills down from the province to the school's county.
        await admin.ClickAsync("#nav-quota-admin");
        await admin.ClickAsync("#by-region a:has-text('湖南省')");
        await admin.ClickAsync("#by-region a:has-text('长沙市')");
        await admin.ClickAsync("#by-region a:has-text('岳麓区')");
        var schoolRow = admin.Locator($"#county-organisations tr[data-organisation='{schoolId}']");
        await Assertions.Expect(schoolRow.Locator(".completion")).ToHaveTextAsync("10.00%");

        // A tenth of the potatoes came spoiled: the cooperative refunds ¥1,440.
        var rucheng = await browser.SignedInAsync(DemoData.SupplierEmail("rucheng"));
        await rucheng.ClickAsync("#nav-supplier-orders");
        await rucheng.ClickAsync($"#supplier-orders a:has-text('{orderNumber}')");
        await rucheng.FillAsync("#Refund_Amount", "1440");
        await rucheng.FillAsync("#Refund_Reason", "部分土豆腐烂");
        await rucheng.ClickAsync("#refund-submit");
        await Assertions.Expect(rucheng.Locator("#payment-refunded")).ToContainTextAsync("¥1,440.00");

        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#quota-completion")).ToHaveTextAsync("9.00%");
        await Assertions.Expect(buyer.Locator("#quota-entries tbody tr[data-source]")).ToHaveCountAsync(2);
        await admin.ReloadAsync();
        await Assertions.Expect(schoolRow.Locator(".completion")).ToHaveTextAsync("9.00%");
    }

    [SkippableFact]
    public async Task TheQuotaPagesRunUnderTheContentSecurityPolicyAndFitAPhone()
    {
        var page = await browser.NewPageAsync(phone: true);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", DemoData.AdminEmail);
        await page.FillAsync("#Input_Password", DemoData.Password);
        await page.ClickAsync("#sign-in-submit");
        foreach (var url in new[] { "/admin/quotas", "/admin/quotas/trends", "/admin/quotas/report", "/admin/quotas/filings", "/admin/quotas/ranking" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await page.EvaluateAsync<int>("document.body.scrollWidth");
            Assert.True(overflow <= 400, $"{url} scrolls sideways on a phone ({overflow}px)");
        }
        Assert.Empty(violations);
    }
}
