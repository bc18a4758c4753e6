using Storefront.Core.Money;
using Storefront.Web.Demo;
using static Storefront.Browser.Tests.AgreementJourney;
using static Storefront.Browser.Tests.StandingOrderJourney;

namespace Storefront.Browser.Tests;

/// <summary>From an agreement of the hospital for tea at an agreed ¥61.25 a box: its standing order made, approved, paid and counted.</summary>
[Collection(BrowserCollection.Name)]
public class StandingOrderJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task TheJobMakesTheStandingOrderTheApproverApprovesItTheTransferPaysItAndTheQuotaCountsIt()
    {
        const long total = 6125 * 90; // ¥5,512.50: above the hospital's ¥5,000 threshold
        var due = DueSoon;
        // The hospital's ¥5,000.00 threshold: other journeys lift it so that their checkout goes straight to payment.
        await Journeys.ApprovalThresholdAsync(browser, "长沙市天心区人民医院", 500_000);
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "buyer"));
        var countedBefore = await CountedAsync(buyer);
        var agreementId = await AgreementAsync(browser, "长沙市天心区人民医院", "永顺莓茶 250g", 6125, 90, DemoData.MemberEmail("hospital", "buyer"), due);

        await RunJobAsync(browser);
        var orderNumber = await OpenDeliveryOrderAsync(buyer, agreementId, due, Fen.Format(total));
        Assert.Equal(countedBefore, await CountedAsync(buyer));

        var approver = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "approver"));
        await ApproveAsync(approver, orderNumber);

        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await admin.GotoAsync("/admin");
        await Journeys.RecordTransferAsync(admin, PurchaseNumberOf(orderNumber), Fen.ToYuanText(total), $"ICBC-SA{agreementId}");

        Assert.Equal(countedBefore + total, await CountedAsync(buyer));
        await buyer.GotoAsync($"/organisation/agreements/{agreementId}");
        await Microsoft.Playwright.Assertions.Expect(buyer.Locator($"#deliveries tr[data-date='{Iso(due)}'] .delivery-order")).ToContainTextAsync("已付款");
    }
}
