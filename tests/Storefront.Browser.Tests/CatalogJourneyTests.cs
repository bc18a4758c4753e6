using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Storefront.Browser.Tests;

/// <summary>A buyer finds tea from a designated county, as a person does it: page by page, by clicking.</summary>
[Collection(BrowserCollection.Name)]
public class CatalogJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ABuyerSearchesFiltersByCountyOpensAListingAndSwitchesToEnglish()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#category-zones .zone")).ToHaveCountAsync(8);

        await page.FillAsync("#home-q", "莓茶");
        await page.PressAsync("#home-q", "Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/catalog\\?q=%E8%8E%93%E8%8C%B6"));
        await Assertions.Expect(page.Locator("#results-summary")).ToContainTextAsync("4");

        await page.ClickAsync("#facet-county a[data-value='433127']");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("county=433127"));
        await Assertions.Expect(page.Locator("#results .card")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator(".chips")).ToContainTextAsync("永顺县");

        await page.ClickAsync("#results .card-link:has-text('永顺莓茶 250g')");
        await Assertions.Expect(page.Locator("#listing-title")).ToHaveTextAsync("永顺莓茶 250g");
        await Assertions.Expect(page.Locator("#price-tiers tbody tr")).ToHaveCountAsync(3);
        var photo = page.Locator(".listing-main-photo");
        await Assertions.Expect(photo).ToBeVisibleAsync();
        Assert.True(await photo.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the listing photo did not load");

        await page.ClickAsync("#culture-switch");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("#price-tiers caption")).ToHaveTextAsync("Price by quantity");
        await Assertions.Expect(page.Locator("#listing-title")).ToHaveTextAsync("永顺莓茶 250g");

        // The choice is remembered on the next page.
        await page.ClickAsync(".main-nav a[href='/catalog']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Catalog");
    }

    [SkippableFact]
    public async Task TheCatalogWorksOnAPhoneAndByKeyboard()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/catalog?category=fruit");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page scrolls sideways on a phone ({scrollWidth}px)");

        // The skip link is the first stop of the keyboard and takes focus to the content.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#main$"));

        // Sorting with the keyboard submits the choice.
        await page.FocusAsync("#sort");
        await page.SelectOptionAsync("#sort", "price-asc");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=price-asc"));
    }

    [SkippableFact]
    public async Task ThePagesRunUnderTheContentSecurityPolicyWithoutViolations()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        foreach (var url in new[] { "/", "/catalog?q=茶", "/listings/1", "/account/sign-in", "/account/register" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task ADemoAdminSignsInAndOutThroughTheForms()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#sign-in-link");
        await page.FillAsync("#Input_Email", Web.Demo.DemoData.AdminEmail);
        await page.FillAsync("#Input_Password", Web.Demo.DemoData.Password);
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#nav-user")).ToHaveTextAsync(Web.Demo.DemoData.AdminEmail);
        // An admin lands where admins work.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await page.GotoAsync("/");
        await page.ClickAsync(".main-nav a[href='/admin']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("管理后台");
        await page.ClickAsync("#sign-out");
        await Assertions.Expect(page.Locator("#sign-in-link")).ToBeVisibleAsync();
    }
}
