using Microsoft.Playwright;
using static Storefront.Browser.Tests.AgreementJourney;

namespace Storefront.Browser.Tests;

/// <summary>A school's plan quoted by two cooperatives, awarded split between them, and each side reading its agreement.</summary>
[Collection(BrowserCollection.Name)]
public class SupplyAgreementJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task APlanQuotedByTwoCooperativesIsAwardedSplitBetweenThemAndEachSeesItsAgreement()
    {
        var start = NextMonday();
        var description = $"食堂莓茶协议{Guid.NewGuid():N}"[..12];
        // The school's ¥1,000.00 threshold, which holds plans and the larger orders for its approver.
        await Journeys.ApprovalThresholdAsync(browser, "长沙市岳麓区实验中学", 100_000);
        var buyer = await browser.SignedInAsync(Buyer);
        var planUrl = await PostPlanAsync(buyer, description, start, quantity: 40);
        await ApprovePlanAsync(browser, planUrl);

        var yongshun = await browser.SignedInAsync(Yongshun);
        await QuoteAsync(yongshun, description, "64.00", 30, start.AddDays(2), YongshunListing);
        var guzhang = await browser.SignedInAsync(Guzhang);
        await QuoteAsync(guzhang, description, "62.00", 20, start.AddDays(2), GuzhangListing);

        var numbers = await AwardAsync(buyer, planUrl, [(YongshunName, 25), (GuzhangName, 15)], noticeDays: 3, priceReview: "每学期复核");
        Assert.Equal(2, numbers.Count);
        await Assertions.Expect(buyer.Locator("#plan-awarded")).ToHaveTextAsync("已授标 40 / 40 盒（每次送货）");

        // The buyer's agreement with 古丈 (cheapest first on the plan page), from the list.
        await buyer.ClickAsync($"#plan-agreements tr:has-text('{GuzhangName}') a");
        await Assertions.Expect(buyer.Locator("#agreement-supplier")).ToHaveTextAsync(GuzhangName);
        await Assertions.Expect(buyer.Locator("#agreement-price")).ToHaveTextAsync("¥62.00 / 盒");
        await Assertions.Expect(buyer.Locator("#agreement-quantity")).ToHaveTextAsync("15 盒");
        await Assertions.Expect(buyer.Locator("#agreement-notice")).ToHaveTextAsync("提前 3 天");
        await Assertions.Expect(buyer.Locator("#deliveries tr.delivery")).ToHaveCountAsync(4);

        await OpenAgreementAsync(yongshun, description, supplier: true);
        await Assertions.Expect(yongshun.Locator("#agreement-organisation")).ToHaveTextAsync("长沙市岳麓区实验中学");
        await Assertions.Expect(yongshun.Locator("#agreement-price")).ToHaveTextAsync("¥64.00 / 盒");
        await Assertions.Expect(yongshun.Locator("#agreement-quantity")).ToHaveTextAsync("25 盒");
        await Assertions.Expect(yongshun.Locator("#agreement-schedule")).ToHaveTextAsync("每周：星期三");
        await Assertions.Expect(yongshun.Locator("#agreement-price-review")).ToHaveTextAsync("每学期复核");
        await Assertions.Expect(yongshun.Locator("#deliveries tr.delivery")).ToHaveCountAsync(4);

        await OpenAgreementAsync(guzhang, description, supplier: true);
        await Assertions.Expect(guzhang.Locator("#agreement-quantity")).ToHaveTextAsync("15 盒");
        await Assertions.Expect(guzhang.Locator("#agreement-status")).ToHaveTextAsync("履行中");

        // And the buyer finds the other one from the organisation's home page.
        await OpenAgreementAsync(buyer, description, supplier: false, party: YongshunName);
        await Assertions.Expect(buyer.Locator("#agreement-quantity")).ToHaveTextAsync("25 盒");

        // On a phone, the plan with its award, the lists and the agreement's page do not scroll sideways.
        var agreementUrl = buyer.Url;
        var phone = await browser.SignedInAsync(Buyer, phone: true);
        foreach (var url in new[] { planUrl, "/organisation/agreements", agreementUrl })
        {
            await phone.GotoAsync(url);
            Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, $"{url} scrolls sideways on a phone");
        }
        var cooperativePhone = await browser.SignedInAsync(Yongshun, phone: true);
        await OpenAgreementAsync(cooperativePhone, description, supplier: true);
        Assert.True(await cooperativePhone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the cooperative's agreement scrolls sideways on a phone");
    }
}
