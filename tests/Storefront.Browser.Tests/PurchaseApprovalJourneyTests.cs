using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Catalog;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests;

/// <summary>
/// An agency's canteen buys from seven cooperatives in one checkout, each order under its ¥2,000 threshold and the
/// purchase over it: the approver hears once, sees the purchase with its seven orders and approves it in one decision.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PurchaseApprovalJourneyTests(BrowserFixture browser)
{
    /// <summary>One listing of each of seven suppliers, in a quantity worth about ¥400 (at least its minimum order).</summary>
    private Task<List<(int Id, int Quantity)>> SevenLinesAsync() => browser.Factory.WithDbAsync(async db =>
        (await db.Listings.AsNoTracking().Include(l => l.PriceTiers).Where(l => l.Status == ListingStatus.Published).OrderBy(l => l.Id).ToListAsync())
            .Select(l => (Listing: l, Price: l.PriceTiers.OrderBy(t => t.MinQuantity).First().UnitPriceFen))
            .Select(x => (x.Listing, Quantity: Math.Max(x.Listing.MinOrderQuantity, (int)Math.Ceiling(40_000d / x.Price)), x.Price))
            .Where(x => x.Quantity * x.Price < 100_000 && x.Listing.Stock >= x.Quantity * 2)
            .DistinctBy(x => x.Listing.SupplierId).Take(7)
            .Select(x => (x.Listing.Id, x.Quantity)).ToList());

    [SkippableFact]
    public async Task ASevenSupplierPurchaseIsApprovedInOneDecision()
    {
        var lines = await SevenLinesAsync();
        Assert.Equal(7, lines.Count);

        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("agency", "buyer"));
        await buyer.GotoAsync("/cart/quick-order");
        await buyer.FillAsync("#Lines", string.Join("\n", lines.Select(l => $"L{l.Id}, {l.Quantity}")));
        await buyer.ClickAsync("#quick-order-submit");
        await Assertions.Expect(buyer.Locator("#quick-order-summary")).ToContainTextAsync("7 行已加入购物车");
        await buyer.ClickAsync("#go-to-cart");
        await buyer.ClickAsync("#checkout-link");
        await Assertions.Expect(buyer.Locator(".checkout-order")).ToHaveCountAsync(7);
        await buyer.ClickAsync("#place-order");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex("/orders/purchases/\\d+$"));
        await Assertions.Expect(buyer.Locator("#purchase-orders .status", new() { HasText = "待审批" })).ToHaveCountAsync(7);
        var purchaseNumber = (await buyer.Locator("#purchase-title").TextContentAsync())!.Split(' ').Last();

        // One notification for the purchase; the approvals link counts one purchase waiting.
        var approver = await browser.SignedInAsync(DemoData.MemberEmail("agency", "approver"));
        await approver.ClickAsync("#nav-notifications");
        await Assertions.Expect(approver.Locator("#notifications li", new() { HasText = purchaseNumber })).ToHaveCountAsync(1);
        await Assertions.Expect(approver.Locator("#approvals-count")).ToContainTextAsync("1");
        await approver.ClickAsync("#nav-approvals");
        var purchase = approver.Locator("#approval-queue > li", new() { HasText = purchaseNumber });
        await Assertions.Expect(purchase.Locator("tr[data-order]")).ToHaveCountAsync(7);
        await Assertions.Expect(purchase.Locator("input[name=OrderIds]:checked")).ToHaveCountAsync(7);
        await purchase.Locator("input[name=Comment]").FillAsync("同意，下周机关食堂用");
        await purchase.Locator("button[value=Approve]").ClickAsync();

        await Assertions.Expect(approver.Locator(".flash")).ToHaveTextAsync($"采购单 {purchaseNumber}：已批准 7 个订单。");
        await Assertions.Expect(approver.Locator("#approval-queue > li", new() { HasText = purchaseNumber })).ToHaveCountAsync(0);
        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#purchase-orders .status", new() { HasText = "待付款" })).ToHaveCountAsync(7);
    }
}
