using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Catalog;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests.Platform832;

/// <summary>
/// The 832 platform as the people involved meet it, with the shop's background jobs running against the simulator:
/// an admin records a cooperative's 832 code, sees its listings wait because the platform's categories are not the
/// shop's, maps the categories by accepting the suggestions, and watches its listings reach the platform; the platform's auditor
/// rejects one, and the cooperative reads the reason on its listings; a hospital the shop does not know buys there, an
/// admin matches the order to the hospital, and the hospital sees the order counted in its quota history.
/// </summary>
[Collection(BrowserCollection.Name)]
public class Platform832JourneyTests(BrowserFixture browser)
{
    private const string Code = "S-GUZHANG-1";

    /// <summary>Reloads until the locator shows the text: the jobs run on their own, a second apart.</summary>
    private static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var locator = page.Locator(selector);
            if (await locator.CountAsync() > 0 && (await locator.First.TextContentAsync() ?? "").Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.Locator(selector).First).ToContainTextAsync(text);
    }

    [SkippableFact]
    public async Task AnAdminConnectsACooperativeItsListingsAreAuditedOn832AndAHospitalsOrderThereCountsOnceMatched()
    {
        var supplierId = await browser.Factory.WithDbAsync(db => db.Suppliers
            .Where(s => s.Members.Any(m => m.User.Email == DemoData.SupplierEmail("guzhang"))).Select(s => s.Id).SingleAsync());
        var listings = await browser.Factory.WithDbAsync(db => db.Listings
            .Where(l => l.SupplierId == supplierId && l.Status == ListingStatus.Published).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync());

        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await admin.GotoAsync($"/admin/suppliers/{supplierId}");
        await admin.FillAsync("#Platform832Code", Code);
        await admin.ClickAsync("#save-code");
        await admin.ClickAsync("#nav-admin");
        await admin.ClickAsync("#tile-sync");
        // The platform files tea under its own code: until an admin maps the shop's 茶叶 to it, the listings wait.
        await ReloadUntilAsync(admin, "#waiting-classes", "茶叶");
        await Assertions.Expect(admin.Locator("#waiting-classes")).ToContainTextAsync("832: 分类未对应");
        var cooperative = await browser.SignedInAsync(DemoData.SupplierEmail("guzhang"));
        await cooperative.GotoAsync("/supplier/listings");
        await Assertions.Expect(cooperative.Locator($"tr[data-listing-id='{listings[0]}'] .p832-status")).ToContainTextAsync("832: 分类未对应");
        Assert.DoesNotContain(browser.Simulator.Simulator.State.Products(), p => p.SupplierCode == Code);

        await admin.ClickAsync("#categories-link");
        await Assertions.Expect(admin.Locator("#category-0503 .accept-form")).ToContainTextAsync("150001 茶叶");
        await admin.ClickAsync("#accept-all-form button");
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("已采纳");
        await Assertions.Expect(admin.Locator("#category-0503 .mapped")).ToContainTextAsync("150001 茶叶");
        await admin.ClickAsync("#nav-admin");
        await admin.ClickAsync("#tile-sync");
        await ReloadUntilAsync(admin, $"#suppliers tbody tr:has-text('{Code}') td:nth-child(4)", listings.Count.ToString());
        Assert.All(browser.Simulator.Simulator.State.Products().Where(p => p.SupplierCode == Code), p => Assert.Equal("150001", p.Fields.CategoryCode));
        Assert.Equal(listings.Count, browser.Simulator.Simulator.State.Products().Count(p => p.SupplierCode == Code));

        // The platform's auditor approves all but the first listing, which it rejects with a reason.
        var platform = browser.Simulator.Simulator.State;
        foreach (var id in listings) platform.Decide(Code, Listing.CodeOf(id), id != listings[0], id == listings[0] ? "图片与商品不符" : null);

        await cooperative.GotoAsync("/supplier/listings");
        await ReloadUntilAsync(cooperative, $"tr[data-listing-id='{listings[0]}'] .p832-status", "图片与商品不符");
        await Assertions.Expect(cooperative.Locator($"tr[data-listing-id='{listings[^1]}'] .p832-status")).ToContainTextAsync("832: 审核通过");

        // A hospital unknown to the shop buys there: its order waits for an admin to say whose it is.
        var order = Assert.Single(platform.PlaceOrders(1));
        var hospital = await browser.Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == "长沙市天心区人民医院").Select(o => new { o.Id, o.CreditCode }).SingleAsync());
        await admin.GotoAsync("/admin/platform832-orders");
        await ReloadUntilAsync(admin, "#waiting-orders", order.OrderNo);
        var row = admin.Locator($"#waiting-orders tr:has-text('{order.OrderNo}')");
        await row.Locator("input[name='CreditCode']").FillAsync(hospital.CreditCode);
        await row.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync(order.OrderNo);
        await Assertions.Expect(admin.Locator($"#waiting-orders tr:has-text('{order.OrderNo}')")).ToHaveCountAsync(0);

        var hospitalAdmin = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "admin"));
        await hospitalAdmin.ClickAsync("#nav-quota");
        await ReloadUntilAsync(hospitalAdmin, "#quota-entries", order.OrderNo);
        await Assertions.Expect(hospitalAdmin.Locator($"#quota-entries tr:has-text('{order.OrderNo}')")).ToHaveCountAsync(1);
        var counted = await browser.Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.Reference == order.OrderNo).Select(e => new { e.OrganisationId, e.AmountFen }).ToListAsync());
        Assert.Equal([new { OrganisationId = hospital.Id, AmountFen = order.TotalFen }], counted);
    }
}
