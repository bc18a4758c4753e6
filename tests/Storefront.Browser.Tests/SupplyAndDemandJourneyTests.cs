using Microsoft.Playwright;
using Storefront.Web.Demo;
using static Storefront.Browser.Tests.AgreementJourney;
using static Storefront.Browser.Tests.StandingOrderJourney;

namespace Storefront.Browser.Tests;

/// <summary>
/// Issue 15's whole loop as people walk it: the school posts a plan and its approver lets it out, two cooperatives quote,
/// the buyer awards the quantity split between them, and the first delivery of each agreement becomes a standing order;
/// the larger one goes through the school's approval, is paid by transfer and is counted to the quota once paid.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SupplyAndDemandJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task APlanQuotedAndAwardedSplitBecomesStandingOrdersAndTheFirstIsApprovedPaidAndCounted()
    {
        // The first delivery two days ahead: within the school's lead of three days, so the job orders it now.
        var due = DueSoon;
        var description = $"学期莓茶{Guid.NewGuid():N}"[..12];
        // The school's ¥1,000.00 threshold, which holds plans and the larger orders for its approver.
        await Journeys.ApprovalThresholdAsync(browser, "长沙市岳麓区实验中学", 100_000);
        var buyer = await browser.SignedInAsync(Buyer);
        var planUrl = await PostPlanAsync(buyer, description, due, quantity: 40, weekday: due.DayOfWeek);
        await ApprovePlanAsync(browser, planUrl);

        var yongshun = await browser.SignedInAsync(Yongshun);
        await QuoteAsync(yongshun, description, "64.00", 30, due, YongshunListing);
        var guzhang = await browser.SignedInAsync(Guzhang);
        await QuoteAsync(guzhang, description, "62.00", 20, due, GuzhangListing);
        await AwardAsync(buyer, planUrl, [(YongshunName, 25), (GuzhangName, 15)], noticeDays: 1, priceReview: "每学期复核");
        await Assertions.Expect(buyer.Locator("#plan-awarded")).ToHaveTextAsync("已授标 40 / 40 盒（每次送货）");

        var countedBefore = await CountedAsync(buyer);
        await RunJobAsync(browser);

        // 永顺's delivery: 25 boxes at the agreed ¥64.00 = ¥1,600.00, above the school's ¥1,000.00 threshold.
        await OpenAgreementAsync(buyer, description, supplier: false, party: YongshunName);
        var agreementId = long.Parse(buyer.Url.Split('/')[^1].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);
        var orderNumber = await OpenDeliveryOrderAsync(buyer, agreementId, due, "¥1,600.00");
        await Assertions.Expect(buyer.Locator("#order-status")).ToContainTextAsync("待审批");
        Assert.Equal(countedBefore, await CountedAsync(buyer));

        var approver = await browser.SignedInAsync(Approver);
        await ApproveAsync(approver, orderNumber);
        Assert.Equal(countedBefore, await CountedAsync(buyer));

        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await admin.GotoAsync("/admin");
        await Journeys.RecordTransferAsync(admin, PurchaseNumberOf(orderNumber), "1600.00", $"ICBC-SD{agreementId}");
        Assert.Equal(countedBefore + 160_000, await CountedAsync(buyer));

        // The cooperative sees its delivery ordered and paid on its side of the agreement.
        await OpenAgreementAsync(yongshun, description, supplier: true);
        await Assertions.Expect(yongshun.Locator($"#deliveries tr[data-date='{Iso(due)}'] .delivery-order")).ToContainTextAsync("已付款");
        // 古丈's delivery of 15 boxes (¥930.00) was ordered by the same run, and is not counted before it is paid.
        await OpenAgreementAsync(buyer, description, supplier: false, party: GuzhangName);
        await Assertions.Expect(buyer.Locator($"#deliveries tr[data-date='{Iso(due)}'] .delivery-state")).ToHaveTextAsync("已下单");
        Assert.Equal(countedBefore + 160_000, await CountedAsync(buyer));
    }
}
