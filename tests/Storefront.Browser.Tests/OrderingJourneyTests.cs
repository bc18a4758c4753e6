using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// A school canteen buys from two cooperatives, as the people involved do it, page by page: the buyer quick-orders
/// rice and tea, the approver approves both orders, an admin records the bank transfer, the cooperatives ship (the
/// rice in two shipments), and the buyer confirms receipt until both orders are completed.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OrderingJourneyTests(BrowserFixture browser)
{
    private async Task<int> ListingIdAsync(string title) =>
        await browser.Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Listings.Where(l => l.Title == title).Select(l => l.Id)));

    [SkippableFact]
    public async Task ASchoolBuysRiceAndTeaFromTwoCooperativesFromQuickOrderToCompletedOrders()
    {
        var rice = await ListingIdAsync("洞口香米 散装 按公斤");
        var tea = await ListingIdAsync("永顺莓茶 250g");

        // The buyer pastes two lines, one with a Chinese comma.
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("school", "buyer"));
        await buyer.ClickAsync("#nav-cart");
        await buyer.ClickAsync("#quick-order-link");
        await buyer.FillAsync("#Lines", $"L{rice}, 200\nL{tea}，50");
        await buyer.ClickAsync("#quick-order-submit");
        await Assertions.Expect(buyer.Locator("#quick-order-summary")).ToContainTextAsync("2 行已加入购物车");
        await buyer.ClickAsync("#go-to-cart");
        await Assertions.Expect(buyer.Locator(".cart-lines")).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Locator("#cart-total")).ToHaveTextAsync("¥4,270.00");
        await buyer.ClickAsync("#checkout-link");
        await Assertions.Expect(buyer.Locator(".checkout-order")).ToHaveCountAsync(2);
        await buyer.FillAsync("#Input_PurchaseOrderReference", "SY-2026-W10");
        await buyer.ClickAsync("#place-order");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex("/orders/purchases/\\d+$"));
        await Assertions.Expect(buyer.Locator("#purchase-orders tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(buyer.Locator("#purchase-orders .status").First).ToHaveTextAsync("待审批");
        var purchasePath = new Uri(buyer.Url).AbsolutePath;
        var purchaseNumber = (await buyer.Locator("#purchase-title").TextContentAsync())!.Split(' ').Last();
        var orderNumbers = await buyer.Locator("#purchase-orders tbody tr td:first-child a").AllTextContentsAsync();

        // The approver finds the purchase in the queue, by the notification, with both orders, and approves it.
        var approver = await browser.SignedInAsync(DemoData.MemberEmail("school", "approver"));
        await Assertions.Expect(approver.Locator("#unread-count")).ToBeVisibleAsync();
        await approver.ClickAsync("#nav-approvals");
        var item = approver.Locator("#approval-queue > li", new() { HasText = purchaseNumber });
        foreach (var number in orderNumbers) await Assertions.Expect(item).ToContainTextAsync(number);
        await item.Locator("input[name=Comment]").FillAsync("同意，本周食堂用");
        await item.Locator("button[value=Approve]").ClickAsync();
        await Assertions.Expect(approver.Locator(".flash")).ToContainTextAsync(purchaseNumber);
        await Assertions.Expect(approver.Locator("#approvals-empty")).ToBeVisibleAsync();

        // The transfer arrives; an admin records it against the purchase.
        var admin = await browser.SignedInAsync(DemoData.AdminEmail);
        await Journeys.RecordTransferAsync(admin, purchaseNumber, "4270.00", "ICBC-20260302-000318");
        await Assertions.Expect(admin.Locator("#purchase-orders .status", new() { HasText = "已付款" })).ToHaveCountAsync(2);

        // The rice cooperative ships in two shipments.
        var dongkou = await browser.SignedInAsync(DemoData.SupplierEmail("dongkou"));
        await dongkou.ClickAsync("#nav-supplier-orders");
        await dongkou.ClickAsync($"#supplier-orders a:has-text('{orderNumbers.Single(n => n.EndsWith("-1", StringComparison.Ordinal))}')");
        await dongkou.ClickAsync("#accept-order");
        await Assertions.Expect(dongkou.Locator(".flash")).ToHaveTextAsync("已接单。");
        await dongkou.FillAsync("#ship-form input[data-line]", "120");
        await dongkou.FillAsync("#Carrier", "顺丰速运");
        await dongkou.FillAsync("#TrackingNumber", "SF1406632001");
        await dongkou.ClickAsync("#ship-submit");
        await Assertions.Expect(dongkou.Locator("#order-status")).ToHaveTextAsync("已发货");
        await Assertions.Expect(dongkou.Locator("#ship-form input[data-line]")).ToHaveValueAsync("80");
        await dongkou.FillAsync("#Carrier", "合作社自有车辆");
        await dongkou.ClickAsync("#ship-submit");
        await Assertions.Expect(dongkou.Locator("#shipments > li")).ToHaveCountAsync(2);

        // The tea cooperative ships everything at once.
        var yongshun = await browser.SignedInAsync(DemoData.SupplierEmail("yongshun"));
        await yongshun.ClickAsync("#nav-notifications");
        await yongshun.ClickAsync($"#notifications button:has-text('{orderNumbers.Single(n => n.EndsWith("-2", StringComparison.Ordinal))}')");
        await yongshun.ClickAsync("#accept-order");
        await yongshun.FillAsync("#Carrier", "中国邮政");
        await yongshun.FillAsync("#TrackingNumber", "EMS9811");
        await yongshun.ClickAsync("#ship-submit");
        await Assertions.Expect(yongshun.Locator("#order-status")).ToHaveTextAsync("已发货");

        // The buyer confirms receipt of each shipment: one bag of rice short, noted.
        await buyer.GotoAsync(purchasePath);
        await buyer.ClickAsync($"#purchase-orders a:has-text('{orderNumbers[0]}')");
        await buyer.ClickAsync("#receive-form-1 button[type=submit]");
        await Assertions.Expect(buyer.Locator("#receipt-1")).ToBeVisibleAsync();
        await buyer.FillAsync("#receive-form-2 input[type=number]", "79");
        await buyer.SelectOptionAsync("#receive-form-2 select", "Damaged");
        await buyer.FillAsync("#receive-form-2 textarea", "一袋破损，已拍照");
        await buyer.SetInputFilesAsync("#receive-form-2 input[type=file]", new FilePayload { Name = "破损.png", MimeType = "image/png", Buffer = PhotoOfTheBag() });
        await buyer.ClickAsync("#receive-form-2 button[type=submit]");
        await Assertions.Expect(buyer.Locator("#order-status")).ToHaveTextAsync("已完成");
        await Assertions.Expect(buyer.Locator("#shipment-2")).ToContainTextAsync("未验收 1 kg（破损）");

        // The papers of the second shipment, opened from the order page and read.
        var riceOrderId = long.Parse(new Uri(buyer.Url).AbsolutePath.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var deliveryNote = PdfPapers.Compact(await DownloadAsync(buyer, "#delivery-note-2"));
        Assert.Contains("送货单", deliveryNote);
        Assert.Contains($"订单号{orderNumbers[0]}", deliveryNote);
        Assert.Contains("采购单位长沙市岳麓区实验中学", deliveryNote);
        Assert.Contains("供应商洞口县", deliveryNote);
        Assert.Contains($"洞口香米散装按公斤(L{rice})", deliveryNote);
        Assert.Contains("第2批", deliveryNote);
        Assert.Contains("合作社自有车辆", deliveryNote);
        var acceptance = await DownloadAsync(buyer, "#acceptance-record-2");
        var acceptanceText = PdfPapers.Compact(acceptance);
        Assert.Contains("验收单", acceptanceText);
        Assert.Contains("采购单位长沙市岳麓区实验中学", acceptanceText);
        // Delivered 80, accepted 79, one short, damaged.
        Assert.Contains("kg80791破损", acceptanceText);
        Assert.Contains("验收说明：一袋破损，已拍照", acceptanceText);
        Assert.Equal([$"https://storefront.test/orders/{riceOrderId}"], PdfPapers.QrCodes(acceptance));

        // The organisation rates the cooperative, and its public page shows it.
        await buyer.Locator("#rating-form input[name=Stars][value='5']").CheckAsync();
        await buyer.FillAsync("#rating-comment", "米质好，送货准时");
        await buyer.ClickAsync("#rating-form button[type=submit]");
        await Assertions.Expect(buyer.Locator("#order-rating")).ToContainTextAsync("5 星 · 米质好，送货准时");
        await buyer.ClickAsync("#order-supplier a");
        await Assertions.Expect(buyer.Locator("#supplier-ratings")).ToContainTextAsync("条评价");

        // The cooperative sees the shortfall and downloads the same acceptance record.
        await dongkou.ReloadAsync();
        await Assertions.Expect(dongkou.Locator("#order-shortfall")).ToContainTextAsync("¥5.20");
        Assert.Contains("kg80791破损", PdfPapers.Compact(await DownloadAsync(dongkou, "#acceptance-record-2")));
        await buyer.GotoAsync(purchasePath);
        await buyer.ClickAsync($"#purchase-orders a:has-text('{orderNumbers[1]}')");
        await buyer.ClickAsync("#receive-form-1 button[type=submit]");
        await Assertions.Expect(buyer.Locator("#order-status")).ToHaveTextAsync("已完成");

        await buyer.GotoAsync(purchasePath);
        await Assertions.Expect(buyer.Locator("#purchase-orders .status", new() { HasText = "已完成" })).ToHaveCountAsync(2);
    }

    [SkippableFact]
    public async Task TheCartAndCheckoutWorkOnAPhoneWithoutPolicyViolations()
    {
        var page = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "buyer"), phone: true);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        await page.GotoAsync("/cart/lists");
        await page.GotoAsync("/cart/quick-order");
        await page.FillAsync("#Lines", $"L{await ListingIdAsync("永顺莓茶 250g")}, 10");
        await page.ClickAsync("#quick-order-submit");
        await page.ClickAsync("#go-to-cart");
        foreach (var url in new[] { "/cart", "/cart/checkout", "/orders", "/organisation", "/notifications" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            // What sticks out is named, so that a failure says where to look.
            var wide = await page.EvaluateAsync<string>("Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className).join(' | ')");
            Assert.True(scrollWidth <= 390, $"{url} scrolls sideways on a phone ({scrollWidth}px): {wide}");
        }
        Assert.Empty(violations);
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(link));
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static byte[] PhotoOfTheBag()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(640, 480, new SixLabors.ImageSharp.PixelFormats.Rgba32(180, 140, 90));
        using var output = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, output);
        return output.ToArray();
    }
}
