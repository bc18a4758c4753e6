using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// A cooperative joins, is verified, lists a product with a photo and tiers, sells it in the catalog, and disappears
/// from it when suspended: the supply side end to end, as the people involved click through it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CooperativeJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task AnUploadAboveThePagesLimitIsRefusedWithAMessageAndAWayBack()
    {
        var listingId = await browser.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.Listings.Where(l => l.Supplier.Members.Any(m => m.User.Email == DemoData.SupplierEmail("xupu"))).OrderBy(l => l.Id).Select(l => l.Id)));
        var photos = await browser.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ListingPhotos, p => p.ListingId == listingId));
        var folder = Directory.CreateTempSubdirectory("storefront-upload-");
        try
        {
            // Five files each within the per-photo limit, together above what one upload may carry.
            var files = Enumerable.Range(1, 5).Select(i => Path.Combine(folder.FullName, $"photo{i}.jpg")).ToList();
            foreach (var file in files) await File.WriteAllBytesAsync(file, new byte[13 * 1024 * 1024]);
            var cooperative = await browser.SignedInAsync(DemoData.SupplierEmail("xupu"));
            await cooperative.GotoAsync($"/supplier/listings/{listingId}/photos");
            await cooperative.SetInputFilesAsync("#files", files);
            await cooperative.ClickAsync("#photo-upload-submit");

            await Assertions.Expect(cooperative.Locator("#status-page h1")).ToHaveTextAsync("上传的内容太大");
            await cooperative.ClickAsync("#status-back");
            await Assertions.Expect(cooperative.Locator("#photo-upload-form")).ToBeVisibleAsync();
            Assert.Equal(photos, await browser.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ListingPhotos, p => p.ListingId == listingId)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task ACooperativeRegistersIsApprovedListsAProductWithAPhotoAndIsSuspended()
    {
        var cooperative = await browser.NewPageAsync();
        var violations = new List<string>();
        cooperative.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = $"永顺县猛洞河莓茶合作社{suffix}";
        var title = $"猛洞河莓茶 {suffix}";

        // Register, then become a supplier.
        await cooperative.GotoAsync("/");
        await cooperative.ClickAsync("#register-link");
        await cooperative.FillAsync("#Input_DisplayName", "向秀兰");
        await cooperative.FillAsync("#Input_Email", $"coop-{suffix}@example.cn");
        await cooperative.FillAsync("#Input_Password", "mengdonghe2026");
        await cooperative.FillAsync("#Input_ConfirmPassword", "mengdonghe2026");
        await cooperative.ClickAsync("#register-submit");
        // The address is confirmed by the mailed link before the first sign-in.
        await Assertions.Expect(cooperative.Locator("#check-mail-text")).ToBeVisibleAsync();
        await cooperative.GotoAsync(await browser.Factory.MailedLinkAsync($"coop-{suffix}@example.cn", "/account/confirm-email"));
        await cooperative.ClickAsync("#confirmed-sign-in");
        await cooperative.FillAsync("#Input_Email", $"coop-{suffix}@example.cn");
        await cooperative.FillAsync("#Input_Password", "mengdonghe2026");
        await cooperative.ClickAsync("#sign-in-submit");
        await cooperative.ClickAsync("#nav-join-supplier");
        await cooperative.FillAsync("#Input_Name", name);
        await cooperative.SelectOptionAsync("#Input_Kind", "Cooperative");
        await cooperative.FillAsync("#Input_CreditCode", UnifiedSocialCreditCode.Complete($"93433127MF{Random.Shared.Next(0, 9_999_999):D7}"));
        await cooperative.SelectOptionAsync("#Input_CountyCode", "433127");
        await cooperative.FillAsync("#Input_Address", "永顺县芙蓉镇");
        await cooperative.FillAsync("#Input_ContactName", "向秀兰");
        await cooperative.FillAsync("#Input_ContactPhone", "0743-5230000");
        await cooperative.FillAsync("#Input_BankName", "永顺农村商业银行");
        await cooperative.FillAsync("#Input_BankAccount", "6222 0212 3456 7890 456");
        await cooperative.FillAsync("#Input_FarmerLinkDescription", "鲜叶保底收购，年底按交售量分红。");
        await cooperative.FillAsync("#Input_BenefitingHouseholds", "88");
        await cooperative.SetInputFilesAsync("#businessLicence", new FilePayload { Name = "营业执照.png", MimeType = "image/png", Buffer = Photo(640, 480) });
        await cooperative.ClickAsync("#join-submit");
        await Assertions.Expect(cooperative.Locator("#verification")).ToHaveAttributeAsync("data-status", "Pending");

        // The admin finds it in the queue and approves it.
        var admin = await browser.NewPageAsync();
        await admin.GotoAsync("/account/sign-in");
        await admin.FillAsync("#Input_Email", DemoData.AdminEmail);
        await admin.FillAsync("#Input_Password", DemoData.Password);
        await admin.ClickAsync("#sign-in-submit");
        await admin.ClickAsync("#nav-admin-suppliers");
        await admin.ClickAsync($"#suppliers a.supplier-link:has-text('{name}')");
        await Assertions.Expect(admin.Locator("#documents a.document-link")).ToHaveCountAsync(1);
        await admin.ClickAsync("#approve");
        await Assertions.Expect(admin.Locator("#verification-status")).ToHaveAttributeAsync("data-status", "Verified");
        var supplierPage = admin.Url;

        // The cooperative lists a product with tiers, adds its photo and publishes it.
        await cooperative.ReloadAsync();
        await Assertions.Expect(cooperative.Locator("#verification")).ToHaveAttributeAsync("data-status", "Verified");
        await cooperative.ClickAsync("#tool-listings");
        await cooperative.ClickAsync("#new-listing");
        await cooperative.FillAsync("#Input_Title", title);
        await cooperative.SelectOptionAsync("#Input_CategoryId", new SelectOptionValue { Label = "茶叶" });
        await cooperative.FillAsync("#Input_Unit", "盒");
        await cooperative.FillAsync("#Input_Spec", "250g/盒");
        await cooperative.FillAsync("#Input_MinOrderQuantity", "10");
        await cooperative.FillAsync("#Input_Tiers_0__Quantity", "10");
        await cooperative.FillAsync("#Input_Tiers_0__Price", "72");
        await cooperative.FillAsync("#Input_Tiers_1__Quantity", "100");
        await cooperative.FillAsync("#Input_Tiers_1__Price", "66.50");
        await cooperative.FillAsync("#Input_Stock", "400");
        await cooperative.FillAsync("#Input_Description", "猛洞河畔高山莓茶。");
        await cooperative.ClickAsync("#listing-save");
        await Assertions.Expect(cooperative).ToHaveURLAsync(new Regex("/photos$"));
        await cooperative.SetInputFilesAsync("#files", new FilePayload { Name = "莓茶.jpg", MimeType = "image/jpeg", Buffer = Photo(1200, 900, jpeg: true) });
        await cooperative.ClickAsync("#photo-upload-submit");
        await Assertions.Expect(cooperative.Locator("#main-photo")).ToBeVisibleAsync();
        await cooperative.ClickAsync("#back-to-listings");
        var row = cooperative.Locator($"#listings tr:has-text('{title}')");
        await row.Locator("button.publish").ClickAsync();
        await Assertions.Expect(cooperative.Locator($"#listings tr:has-text('{title}')")).ToHaveAttributeAsync("data-status", "Published");

        // A buyer finds it in the catalog, with its photo.
        var buyer = await browser.NewPageAsync();
        await buyer.GotoAsync("/catalog?q=" + Uri.EscapeDataString(title));
        var card = buyer.Locator($"#results .card:has-text('{title}')");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        var cardPhoto = card.Locator("img.card-photo");
        await cardPhoto.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(cardPhoto).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await cardPhoto.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the card photo did not load");
        await card.Locator(".card-link").ClickAsync();
        await Assertions.Expect(buyer.Locator("#price-tiers tbody tr")).ToHaveCountAsync(2);
        var listingUrl = buyer.Url;

        // The admin suspends the cooperative: the listing leaves the catalog at once.
        await admin.GotoAsync(supplierPage);
        await admin.FillAsync("#suspend-reason", "抽检不合格，暂停销售。");
        await admin.ClickAsync("#suspend");
        await Assertions.Expect(admin.Locator("#verification-status")).ToHaveAttributeAsync("data-status", "Suspended");
        await buyer.GotoAsync("/catalog?q=" + Uri.EscapeDataString(title));
        await Assertions.Expect(buyer.Locator($"#results .card:has-text('{title}')")).ToHaveCountAsync(0);
        var gone = await buyer.GotoAsync(listingUrl);
        Assert.Equal(404, gone!.Status);

        await cooperative.ReloadAsync();
        await cooperative.ClickAsync(".breadcrumbs a[href='/supplier']");
        await Assertions.Expect(cooperative.Locator("#suspension-reason")).ToContainTextAsync("抽检不合格");
        Assert.Empty(violations);
    }

    private static byte[] Photo(int width, int height, bool jpeg = false)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(width, height, new SixLabors.ImageSharp.PixelFormats.Rgba32(40, 120, 60));
        using var output = new MemoryStream();
        if (jpeg) SixLabors.ImageSharp.ImageExtensions.SaveAsJpeg(image, output);
        else SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, output);
        return output.ToArray();
    }
}
