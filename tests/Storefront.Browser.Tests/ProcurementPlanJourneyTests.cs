using System.Globalization;
using Microsoft.Playwright;
using Storefront.Core.Money;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// A school's buyer posts a procurement plan, the school's approver approves it from the approvals page, a cooperative
/// finds it on its demand board and quotes with a price tier, and the school reads the quote.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ProcurementPlanJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ABuyerPostsAPlanACooperativeQuotesAndTheBuyerSeesTheQuote()
    {
        var start = ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(7);
        while (start.DayOfWeek != DayOfWeek.Monday) start = start.AddDays(1);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var description = $"食堂每周莓茶{Guid.NewGuid():N}"[..12];

        // The school's ¥1,000.00 threshold, which holds plans and the larger orders for its approver.
        await Journeys.ApprovalThresholdAsync(browser, "长沙市岳麓区实验中学", 100_000);
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("school", "buyer"));
        await buyer.GotoAsync("/organisation");
        await buyer.ClickAsync("#plans-link");
        await buyer.ClickAsync("#new-plan");
        await buyer.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Label = "茶叶" });
        await buyer.FillAsync("#Input_Description", description);
        await buyer.FillAsync("#Input_QuantityPerDelivery", "40");
        await buyer.FillAsync("#Input_Unit", "盒");
        await buyer.CheckAsync("input[name='Input.Weekdays'][value='Wednesday']");
        await buyer.FillAsync("#Input_StartDate", Iso(start));
        await buyer.FillAsync("#Input_EndDate", Iso(start.AddDays(27)));
        await buyer.FillAsync("#Input_QuotesCloseOn", Iso(start.AddDays(-1)));
        await buyer.FillAsync("#Input_PriceCeiling", "66.00");
        await buyer.ClickAsync("#plan-submit");
        await Assertions.Expect(buyer.Locator("#plan-schedule")).ToHaveTextAsync("每周：星期三");
        await Assertions.Expect(buyer.Locator("#plan-period")).ToHaveTextAsync($"{Iso(start)} – {Iso(start.AddDays(27))} · 共 4 次送货");
        await Assertions.Expect(buyer.Locator("#plan-state")).ToHaveTextAsync("待审批");
        var planUrl = buyer.Url;
        var planId = planUrl.Split('/')[^1];

        // The school's threshold applies to plans: its approver approves it from the queue the header links to.
        var approver = await browser.SignedInAsync(DemoData.MemberEmail("school", "approver"));
        await approver.GotoAsync("/organisation");
        await approver.ClickAsync("#nav-approvals");
        await approver.ClickAsync($"#approve-plan-{planId}");
        await Assertions.Expect(approver.Locator(".flash")).ToHaveTextAsync($"采购需求 #{planId} 已批准，已向供应商发布。");

        var cooperative = await browser.SignedInAsync(DemoData.SupplierEmail("yongshun"));
        await cooperative.GotoAsync("/supplier");
        await cooperative.ClickAsync("#tool-demand");
        await cooperative.ClickAsync($"#demand tr:has-text('{description}') a");
        await cooperative.FillAsync("#Input_UnitPrice", "64.00");
        await cooperative.FillAsync("#Input_QuantityPerDelivery", "30");
        await cooperative.FillAsync("input[name='Input.Tiers[0].Quantity']", "10");
        await cooperative.FillAsync("input[name='Input.Tiers[0].Price']", "66.00");
        await cooperative.FillAsync("#Input_FirstDeliveryOn", Iso(start.AddDays(2)));
        await cooperative.SelectOptionAsync("#Input_ListingId", new SelectOptionValue { Label = "永顺莓茶 250g" });
        await cooperative.ClickAsync("#quote-submit");
        await Assertions.Expect(cooperative.Locator("#status")).ToHaveTextAsync("报价已提交（第 1 版）。");

        await buyer.GotoAsync(planUrl);
        var quote = buyer.Locator("#quotes tr.quote");
        await Assertions.Expect(quote.Locator(".quote-supplier")).ToHaveTextAsync("永顺县松柏莓茶专业合作社");
        await Assertions.Expect(quote.Locator(".quote-county")).ToHaveTextAsync("永顺县 · 脱贫县");
        await Assertions.Expect(quote.Locator(".quote-price")).ToHaveTextAsync("¥64.00");
        await Assertions.Expect(quote.Locator(".quote-share")).ToHaveTextAsync("75.0%");
        await Assertions.Expect(quote.Locator(".quote-tiers")).ToHaveTextAsync("每次 10 盒 起 ¥66.00");
        await Assertions.Expect(buyer.Locator("#plan-state")).ToHaveTextAsync("报价中");
    }
}
