using System.Globalization;
using Microsoft.Playwright;
using Storefront.Core.Money;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// The steps of supply and demand matching as people take them in the browser, for journeys that go on from an
/// agreement (the standing orders made from it): a plan posted, quoted by cooperatives, awarded, and the agreement read.
/// </summary>
public static class AgreementJourney
{
    /// <summary>The school's buyer, the two demo cooperatives that sell tea, and their listings' names.</summary>
    public static readonly string Buyer = DemoData.MemberEmail("school", "buyer");
    public static readonly string Yongshun = DemoData.SupplierEmail("yongshun");
    public const string YongshunName = "永顺县松柏莓茶专业合作社";
    public const string YongshunListing = "永顺莓茶 250g";
    public static readonly string Guzhang = DemoData.SupplierEmail("guzhang");
    public const string GuzhangName = "古丈县毛尖茶叶专业合作社";
    public const string GuzhangListing = "古丈毛尖 一级 250g";

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first Monday at least a week ahead (Shanghai): a plan starting then has every date ahead.</summary>
    public static DateOnly NextMonday()
    {
        var start = ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(7);
        while (start.DayOfWeek != DayOfWeek.Monday) start = start.AddDays(1);
        return start;
    }

    /// <summary>
    /// The buyer posts a plan of tea from the organisation's home page: <paramref name="quantity"/> boxes every
    /// Wednesday for four weeks from <paramref name="start"/>, at most ¥66.00; returns the plan page's address.
    /// </summary>
    public static async Task<string> PostPlanAsync(IPage buyer, string description, DateOnly start, int quantity = 40, DayOfWeek weekday = DayOfWeek.Wednesday)
    {
        await buyer.GotoAsync("/organisation");
        await buyer.ClickAsync("#plans-link");
        await buyer.ClickAsync("#new-plan");
        await buyer.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Label = "茶叶" });
        await buyer.FillAsync("#Input_Description", description);
        await buyer.FillAsync("#Input_QuantityPerDelivery", quantity.ToString(CultureInfo.InvariantCulture));
        await buyer.FillAsync("#Input_Unit", "盒");
        await buyer.CheckAsync($"input[name='Input.Weekdays'][value='{weekday}']");
        await buyer.FillAsync("#Input_StartDate", Iso(start));
        await buyer.FillAsync("#Input_EndDate", Iso(start.AddDays(27)));
        await buyer.FillAsync("#Input_QuotesCloseOn", Iso(start.AddDays(-1)));
        await buyer.FillAsync("#Input_PriceCeiling", "66.00");
        await buyer.ClickAsync("#plan-submit");
        await Assertions.Expect(buyer.Locator("#plan-schedule")).ToHaveTextAsync("每周：" + CultureInfo.GetCultureInfo("zh-CN").DateTimeFormat.GetDayName(weekday));
        return buyer.Url;
    }

    public static readonly string Approver = DemoData.MemberEmail("school", "approver");

    /// <summary>The school's approval rule holds plans back: its approver approves this one from the queue the header links to.</summary>
    public static async Task ApprovePlanAsync(BrowserFixture browser, string planUrl)
    {
        var planId = planUrl.Split('/')[^1];
        var approver = await browser.SignedInAsync(Approver);
        await approver.GotoAsync("/organisation");
        await approver.ClickAsync("#nav-approvals");
        await approver.ClickAsync($"#approve-plan-{planId}");
        await Assertions.Expect(approver.Locator(".flash")).ToHaveTextAsync($"采购需求 #{planId} 已批准，已向供应商发布。");
    }

    /// <summary>A cooperative finds the plan on its demand board and quotes on it with one of its listings.</summary>
    public static async Task QuoteAsync(IPage cooperative, string description, string price, int quantity, DateOnly firstDelivery, string listing)
    {
        await cooperative.GotoAsync("/supplier");
        await cooperative.ClickAsync("#tool-demand");
        await cooperative.ClickAsync($"#demand tr:has-text('{description}') a");
        await cooperative.FillAsync("#Input_UnitPrice", price);
        await cooperative.FillAsync("#Input_QuantityPerDelivery", quantity.ToString(CultureInfo.InvariantCulture));
        await cooperative.FillAsync("#Input_FirstDeliveryOn", Iso(firstDelivery));
        await cooperative.SelectOptionAsync("#Input_ListingId", new SelectOptionValue { Label = listing });
        await cooperative.ClickAsync("#quote-submit");
        await Assertions.Expect(cooperative.Locator("#status")).ToHaveTextAsync("报价已提交（第 1 版）。");
    }

    /// <summary>
    /// The buyer awards the plan on its page: a quantity per delivery to each supplier named, with the terms of change;
    /// returns the agreements' numbers as the page lists them (#12), in the order of the page.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AwardAsync(IPage buyer, string planUrl, IReadOnlyList<(string Supplier, int Quantity)> quantities,
        int noticeDays = 2, string priceReview = "")
    {
        await buyer.GotoAsync(planUrl);
        foreach (var (supplier, quantity) in quantities)
            await buyer.FillAsync($"#award-form input[data-supplier='{supplier}']", quantity.ToString(CultureInfo.InvariantCulture));
        await buyer.FillAsync("#Award_ChangeNoticeDays", noticeDays.ToString(CultureInfo.InvariantCulture));
        await buyer.FillAsync("#Award_PriceReview", priceReview);
        await buyer.ClickAsync("#award-submit");
        await Assertions.Expect(buyer.Locator("#status")).ToContainTextAsync($"生成 {quantities.Count} 份供货协议");
        return await buyer.Locator("#plan-agreements tbody tr td:first-child").AllTextContentsAsync();
    }

    /// <summary>
    /// The buyer's or the cooperative's agreement of the plan, opened from their home page's link; <paramref name="party"/>
    /// names the other party where the plan was split (the buyer then has one agreement per cooperative).
    /// </summary>
    public static async Task OpenAgreementAsync(IPage page, string description, bool supplier, string? party = null)
    {
        await page.GotoAsync(supplier ? "/supplier" : "/organisation");
        await page.ClickAsync(supplier ? "#tool-agreements" : "#agreements-link");
        await page.ClickAsync($"#agreements tr:has-text('{description}'){(party is null ? "" : $":has-text('{party}')")} a");
        await Assertions.Expect(page.Locator("#agreement-item")).ToContainTextAsync(description);
    }
}
