using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// The shop on a phone 390 px wide: no page scrolls sideways, the catalog's filters fold into a drawer above the
/// results, the header stays compact, the cart keeps its total and checkout in a bar at the bottom; and on a desktop
/// "加入购物车" stays on one line.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneLayoutTests(BrowserFixture browser)
{
    private const int PhoneWidth = 390;

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width <= PhoneWidth) return;
        // Name the innermost elements that stick out (outside boxes that scroll), so that a failure says what to fix.
        var culprits = await page.EvaluateAsync<string[]>(@"w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
            .filter(e => getComputedStyle(e).position === 'absolute' || getComputedStyle(e).position === 'fixed' || (() => { for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false; return true; })())
            .slice(0, 5).map(e => (e.parentElement ? e.parentElement.tagName.toLowerCase() + '.' + e.parentElement.className + ' > ' : '') + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))", PhoneWidth);
        Assert.Fail($"{url} scrolls sideways on a phone ({width}px): {string.Join(", ", culprits)}");
    }

    /// <summary>A new buyer of the school with the tea and rice in their cart, signed in on a phone.</summary>
    private async Task<IPage> BuyerWithCartAsync(bool phone)
    {
        var email = $"phone-{Guid.NewGuid():N}@example.cn";
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var user = new StorefrontUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "手机采购员" };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            var school = await db.Organisations.Where(o => o.Name == "长沙市岳麓区实验中学").Select(o => o.Id).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = school, UserId = user.Id, Roles = OrganisationRoles.Buyer, JoinedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var tea = await db.Listings.Where(l => l.Title == "永顺莓茶 250g").Select(l => l.Id).SingleAsync();
            var rice = await db.Listings.Where(l => l.Title == "洞口香米 散装 按公斤").Select(l => l.Id).SingleAsync();
            var outcomes = await scope.ServiceProvider.GetRequiredService<Core.Ordering.Cart>()
                .AddAsync(user.Id, school, [new(tea, 10), new(rice, 200)]);
            Assert.All(outcomes, o => Assert.Null(o.Refused));
        }
        return await browser.SignedInAsync(email, phone);
    }

    [SkippableFact]
    public async Task NoMainPageScrollsSidewaysOnAPhone()
    {
        var visitor = await browser.NewPageAsync(phone: true);
        foreach (var url in new[] { "/", "/catalog", "/catalog?category=fruit&sort=price-asc", "/listings/1", "/suppliers/1", "/account/sign-in", "/account/register" })
            await AssertNoSidewaysScrollAsync(visitor, url);

        var buyer = await BuyerWithCartAsync(phone: true);
        foreach (var url in new[] { "/catalog", "/cart", "/cart/checkout", "/cart/quick-order", "/cart/lists", "/orders", "/quota", "/notifications" })
            await AssertNoSidewaysScrollAsync(buyer, url);

        var admin = await browser.SignedInAsync(DemoData.AdminEmail, phone: true);
        foreach (var url in new[] { "/admin", "/admin/orders", "/admin/quotas", "/admin/quotas/impact", "/admin/quotas/ranking", "/admin/suppliers", "/admin/sync", "/admin/settlements", "/admin/zones" })
            await AssertNoSidewaysScrollAsync(admin, url);

        var supplier = await browser.SignedInAsync(DemoData.SupplierEmail("yongshun"), phone: true);
        foreach (var url in new[] { "/supplier", "/supplier/listings", "/supplier/orders" })
            await AssertNoSidewaysScrollAsync(supplier, url);
    }

    [SkippableFact]
    public async Task TheCatalogsFiltersAreADrawerAboveTheResultsOpenedByKeyboard()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/catalog?category=tea");
        var drawer = page.Locator("#filters-drawer");
        await Assertions.Expect(drawer).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.Locator("#facet-county")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#filters-toggle")).ToHaveTextAsync("筛选 (已选 1 项)");
        var toggle = await page.Locator("#filters-toggle").BoundingBoxAsync();
        var results = await page.Locator("#results").BoundingBoxAsync();
        Assert.True(toggle!.Y + toggle.Height <= results!.Y, "the filters' drawer is not above the results");

        await page.FocusAsync("#filters-toggle");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(drawer).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(page.Locator("#facet-county")).ToBeVisibleAsync();
        await page.ClickAsync("#facet-county a[data-value='433127']");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("county=433127"));

        // On a desktop the filters stand open beside the results, with no drawer to open.
        var desktop = await browser.NewPageAsync();
        await desktop.GotoAsync("/catalog?category=tea");
        await Assertions.Expect(desktop.Locator("#facet-county")).ToBeVisibleAsync();
        await Assertions.Expect(desktop.Locator("#filters-toggle")).Not.ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task TheHeaderIsCompactAndTheCartKeepsItsTotalAndCheckoutInABarAtTheBottom()
    {
        var page = await BuyerWithCartAsync(phone: true);
        await page.GotoAsync("/cart");
        var header = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.True(header!.Height <= 150, $"the header takes {header.Height}px of a phone's 844");

        var bar = page.Locator("#cart-bar");
        await Assertions.Expect(bar).ToBeVisibleAsync();
        Assert.Equal("fixed", await bar.EvaluateAsync<string>("e => getComputedStyle(e).position"));
        var box = await bar.BoundingBoxAsync();
        Assert.Equal(844, (int)Math.Round(box!.Y + box.Height));
        await Assertions.Expect(page.Locator("#cart-bar-total")).ToHaveTextAsync(await page.Locator("#cart-total").TextContentAsync() ?? "");
        await page.ClickAsync("#cart-bar-checkout");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cart/checkout$"));

        // On a desktop the summary beside the lines does that job, and the bar is not shown.
        var desktop = await BuyerWithCartAsync(phone: false);
        await desktop.GotoAsync("/cart");
        await Assertions.Expect(desktop.Locator("#cart-bar")).Not.ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task AddToCartStaysOnOneLineOnADesktop()
    {
        var page = await BuyerWithCartAsync(phone: false);
        foreach (var url in new[] { "/catalog", "/catalog?category=rice", "/listings/1" })
        {
            await page.GotoAsync(url);
            var buttons = page.Locator("button:has-text('加入购物车')");
            Assert.True(await buttons.CountAsync() > 0, $"no add-to-cart button on {url}");
            var lines = await buttons.EvaluateAllAsync<int[]>(
                "all => all.map(b => { const r = document.createRange(); r.selectNodeContents(b); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");
            Assert.All(lines, n => Assert.Equal(1, n));
            // And on one line it still fits its card (or form), not cut off at the edge.
            var fits = await buttons.EvaluateAllAsync<bool[]>("all => all.map(b => b.getBoundingClientRect().right <= b.parentElement.getBoundingClientRect().right + 0.5)");
            Assert.All(fits, Assert.True);
        }
    }

    [SkippableFact]
    public async Task TheDeliveryCalendarFitsAPhoneAndItsTableScrollsInItsOwnBox()
    {
        // The school's agreement with 永顺县's cooperative: 500 boxes of its tea every 7 days from next Monday, more
        // than its stock, so that a week carries its warning.
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            var tea = await db.Listings.Where(l => l.Title == "永顺莓茶 250g").Select(l => new { l.Id, l.SupplierId, l.CategoryId, l.Stock }).SingleAsync();
            var school = await db.Organisations.Where(o => o.Name == "长沙市岳麓区实验中学").Select(o => o.Id).SingleAsync();
            var userId = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).FirstAsync();
            var monday = Core.Demand.DeliveryCalendar.MondayOf(Core.Money.ShanghaiTime.DateOf(DateTime.UtcNow)).AddDays(7);
            var plan = new Core.Demand.ProcurementPlan
            {
                OrganisationId = school, CategoryId = tea.CategoryId, Description = "莓茶", Unit = "盒", DeliveryAddress = "学生食堂",
                QuantityPerDelivery = tea.Stock + 500, Frequency = Core.Demand.DeliveryFrequency.EveryNDays, IntervalDays = 7,
                StartDate = monday, EndDate = monday.AddDays(28), QuotesCloseOn = monday.AddDays(-1), PostedByUserId = userId,
                PostedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.ProcurementPlans.Add(plan);
            await db.SaveChangesAsync();
            var quote = new Core.Demand.PlanQuote
            {
                PlanId = plan.Id, SupplierId = tea.SupplierId, UnitPriceFen = 6_000, QuantityPerDelivery = tea.Stock + 500, FirstDeliveryOn = monday,
                ListingId = tea.Id, PlanRevision = 1, SubmittedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow, Revision = 1,
            };
            db.PlanQuotes.Add(quote);
            await db.SaveChangesAsync();
            db.SupplyAgreements.Add(Core.Demand.SupplyAgreement.FromAward(plan, quote, tea.Stock + 500, 2, "", userId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var supplier = await browser.SignedInAsync(DemoData.SupplierEmail("yongshun"), phone: true);
        await AssertNoSidewaysScrollAsync(supplier, "/supplier/calendar");
        Assert.Equal(8, await supplier.Locator("#calendar tbody").CountAsync());
        await Assertions.Expect(supplier.Locator(".calendar-exceeds-stock").First).ToBeVisibleAsync();
        // The table sits in a box that scrolls sideways by itself when a long item name makes it wider than the phone.
        var box = supplier.Locator(".table-scroll:has(#calendar)");
        Assert.Equal("auto", await box.EvaluateAsync<string>("b => getComputedStyle(b).overflowX"));
        Assert.True(await box.EvaluateAsync<int>("b => b.getBoundingClientRect().right") <= PhoneWidth);
    }
}
