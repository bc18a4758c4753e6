using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Money;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// A hospital's fapiao, as the people involved get it: the buyer pays for tea by transfer (recorded by an admin) and
/// requests a special VAT fapiao from the order page, the cooperative finds the request and uploads the fapiao's PDF,
/// and the buyer downloads exactly that file from the order.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FapiaoJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task ABuyerRequestsAFapiaoTheCooperativeUploadsItAndTheBuyerDownloadsIt()
    {
        var tea = await browser.Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == "永顺莓茶 250g").Select(l => l.Id).SingleAsync());
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "buyer"));
        await buyer.GotoAsync("/cart/quick-order");
        await buyer.FillAsync("#Lines", $"L{tea}, 10");
        await buyer.ClickAsync("#quick-order-submit");
        await buyer.ClickAsync("#go-to-cart");
        await buyer.ClickAsync("#checkout-link");
        await buyer.ClickAsync("#place-order");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex("/orders/purchases/\\d+$"));
        var purchaseNumber = (await buyer.Locator("#purchase-title").TextContentAsync())!.Split(' ').Last();
        var purchasePath = new Uri(buyer.Url).AbsolutePath;
        var total = await browser.Factory.WithDbAsync(db => db.Purchases.Where(p => p.Number == purchaseNumber).Select(p => p.TotalFen).SingleAsync());

        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await Journeys.RecordTransferAsync(admin, purchaseNumber, Fen.ToYuanText(total), "ICBC-FAPIAO-0001");

        // The buyer asks for a special VAT fapiao from the order: title and tax id come from the hospital.
        await buyer.GotoAsync(purchasePath);
        await buyer.ClickAsync("#purchase-orders tbody tr td:first-child a");
        var orderPath = new Uri(buyer.Url).AbsolutePath;
        var orderNumber = (await buyer.Locator("#order-title").TextContentAsync())!.Split(' ').Last();
        await Assertions.Expect(buyer.Locator("#fapiao-none")).ToHaveTextAsync("尚未申请开票。");
        await buyer.ClickAsync("#fapiao-action");
        await Assertions.Expect(buyer.Locator("#Input_Title")).ToHaveValueAsync("长沙市天心区人民医院");
        var creditCode = await buyer.Locator("#Input_TaxId").InputValueAsync();
        Assert.Equal(18, creditCode.Length);
        await buyer.CheckAsync("#kind-special");
        await buyer.FillAsync("#Input_TaxId", creditCode[..17] + (creditCode[17] == '1' ? "2" : "1"));
        await buyer.FillAsync("#Input_Email", "caiwu@hospital.example.cn");
        await buyer.ClickAsync("#fapiao-request-submit");
        await Assertions.Expect(buyer.Locator("#tax-id-error")).ToHaveTextAsync("统一社会信用代码校验位不正确，请核对。");
        await buyer.FillAsync("#Input_TaxId", creditCode);
        await buyer.ClickAsync("#fapiao-request-submit");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex(Regex.Escape(orderPath) + "$"));
        await Assertions.Expect(buyer.Locator("#fapiao-kind")).ToHaveTextAsync("增值税专用发票");
        await Assertions.Expect(buyer.Locator("#fapiao-tax-id")).ToHaveTextAsync(creditCode);

        // The cooperative finds the request from its start page and uploads the fapiao it issued.
        var yongshun = await browser.SignedInAsync(DemoData.SupplierEmail("yongshun"));
        await yongshun.ClickAsync("#nav-supplier");
        await yongshun.ClickAsync("#tool-fapiao");
        await yongshun.ClickAsync($"#fapiao-requests a:has-text('{orderNumber}')");
        await Assertions.Expect(yongshun.Locator("#fapiao-open")).ToHaveTextAsync(Fen.Format(total));
        await Assertions.Expect(yongshun.Locator("#Issue_Amount")).ToHaveValueAsync(Fen.ToYuanText(total));
        var number = $"2643{Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999)}";
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% fapiao {number}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        await yongshun.FillAsync("#Issue_Number", number);
        await yongshun.SetInputFilesAsync("#issue-file", new FilePayload { Name = "莓茶发票.pdf", MimeType = "application/pdf", Buffer = pdf });
        await yongshun.ClickAsync("#fapiao-issue-submit");
        await Assertions.Expect(yongshun.Locator(".flash")).ToContainTextAsync($"发票 {number} 已登记");
        await Assertions.Expect(yongshun.Locator("#fapiao-open")).ToHaveTextAsync("¥0.00");

        // The buyer is told, opens the order from the notification and downloads the file.
        await buyer.GotoAsync("/notifications");
        await buyer.ClickAsync($"#notifications button:has-text('{orderNumber} 的发票已开具')");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex(Regex.Escape(orderPath) + "$"));
        await Assertions.Expect(buyer.Locator("#fapiao-list tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(buyer.Locator("#fapiao-issued")).ToHaveTextAsync(Fen.Format(total));
        var download = await buyer.RunAndWaitForDownloadAsync(() => buyer.ClickAsync("#fapiao-list a.fapiao-file"));
        Assert.Equal("莓茶发票.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Equal(pdf, await File.ReadAllBytesAsync(path));
    }
}
