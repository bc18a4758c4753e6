using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Web.Tests.Suppliers;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class CartOnSqlite(StorefrontFactory factory) : CartTests<StorefrontFactory>(factory);
public class CartOnPostgreSql(PostgreSqlStorefrontFactory factory) : CartTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The cart, quick order, saved lists and checkout's confirmation of changes, as a buyer uses them.</summary>
public abstract class CartTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task AQuickOrderAddsTheGoodLinesAndListsEachRefusedLineWithItsReason()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var rice = await Factory.ListingIdAsync(Rice);
        var tea = await Factory.ListingIdAsync(Tea);
        var bagged = await Factory.ListingIdAsync("溆浦有机香米 10kg"); // minimum 10 bags

        var result = await buyer.QuickOrderAsync($"商品编码，数量\nL{rice}, 200\nL{tea}\t50\nL99999, 5\nL{rice}，1.5\nL{bagged} 5\n大米 10\nL{tea}, 20");

        Assert.Equal("3 行已加入购物车，4 行未加入。", result.Text("#quick-order-summary"));
        var refused = result.All("#refused-lines tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["4", "5", "6", "7"], refused.Select(r => r[0]));
        Assert.Contains(refused, r => r[0] == "4" && r[2] == "没有这个商品编码。");
        Assert.Contains(refused, r => r[0] == "5" && r[2] == "数量应为整数。");
        Assert.Contains(refused, r => r[0] == "6" && r[2].Contains("低于起订量 10 袋"));
        Assert.Contains(refused, r => r[0] == "7" && r[2] == "没有名称为“大米”的商品；请写商品编码（如 L4）或商品页上的完整名称。");
        // The box keeps the refused lines for correcting.
        Assert.Contains($"L{rice}，1.5", result.Get("#Lines").TextContent);

        var cart = await buyer.GetPageAsync("/cart");
        var teaRow = cart.Get($"tr[data-listing='{tea}']");
        Assert.Equal("70", teaRow.QuerySelector("input")!.GetAttribute("value"));
        // 70 boxes reach the 50-box tier (¥64.60); the next tier is 200 boxes at ¥61.20.
        Assert.Contains("¥64.60", teaRow.TextContent);
        Assert.Contains("再买 130 盒，单价降至 ¥61.20，每盒省 ¥3.40", teaRow.TextContent);
        Assert.Equal(["¥1,040.00", "¥4,522.00"], cart.All(".supplier-total").Select(t => t.TextContent.Trim()).Order());
        Assert.Equal("¥5,562.00", cart.Text("#cart-total"));
        Assert.Matches(@"(^|\D)2 张订单", cart.Text("#cart-summary"));
    }

    [SkippableFact]
    public async Task AQuantityBelowTheMinimumOrderOrAboveTheStockIsShownBesideItsFieldAndNotSaved()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var rice = await Factory.ListingIdAsync(Rice);
        var tea = await Factory.ListingIdAsync(Tea);
        await buyer.QuickOrderAsync($"L{rice}, 200\nL{tea}, 10");
        var cart = await buyer.GetPageAsync("/cart");

        var refused = await cart.SubmitAsync(buyer, "#cart-form", [new($"Quantities[{rice}]", "50"), new($"Quantities[{tea}]", "abc")]);
        Assert.Contains("低于起订量 100 kg", refused.Text($"#qty-problem-{rice}"));
        Assert.Equal("请输入整数数量。", refused.Text($"#qty-problem-{tea}"));
        Assert.Equal("50", refused.Get($"#qty-{rice}").GetAttribute("value"));
        Assert.Equal(200, await CartQuantityAsync(email, rice));

        var tooMany = await cart.SubmitAsync(buyer, "#cart-form", [new($"Quantities[{tea}]", "999999")]);
        Assert.Contains("库存不足", tooMany.Text($"#qty-problem-{tea}"));

        var updated = await cart.SubmitAsync(buyer, "#cart-form", [new($"Quantities[{rice}]", "500")]);
        Assert.Equal("数量已更新。", updated.Text(".flash"));
        Assert.Contains("¥4.94", updated.Get($"tr[data-listing='{rice}']").TextContent);

        var removed = await updated.SubmitAsync(buyer, "#cart-form", submitName: "remove", submitValue: tea.ToString());
        Assert.Null(removed.Find($"tr[data-listing='{tea}']"));
    }

    [SkippableFact]
    public async Task AQuickOrderForAnotherSuppliersDraftOrRejectedListingIsAnsweredAsForAnUnknownCode()
    {
        var (supplierId, _) = await Factory.AddSupplierAsync();
        var draft = await Factory.AddListingAsync(supplierId, published: false, title: "未公开的草稿莓茶");
        var rejected = await Factory.AddListingAsync(supplierId, published: false, title: "审核未过的莓茶");
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rejected).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Rejected)));
        var unknown = await Factory.WithDbAsync(db => db.Listings.MaxAsync(l => l.Id)) + 1000;
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));

        var result = await buyer.QuickOrderAsync($"L{draft}, 1\nL{rejected}, 1\nL{unknown}, 1");

        var refused = result.All("#refused-lines tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal([$"L{draft}, 1", $"L{rejected}, 1", $"L{unknown}, 1"], refused.Select(r => r[1]));
        Assert.Single(refused.Select(r => r[2]).Distinct());
        Assert.DoesNotContain("未公开的草稿莓茶", result.Body);
        Assert.DoesNotContain("审核未过的莓茶", result.Body);
    }

    [SkippableFact]
    public async Task AQuickOrderTakesAListingsExactNameForItsCode()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var tea = await Factory.ListingIdAsync(Tea);
        var bagged = await Factory.ListingIdAsync("溆浦有机香米 10kg");

        // Names hold spaces; the quantity is the last field, and full-width digits and commas read as usual.
        var result = await buyer.QuickOrderAsync("永顺莓茶 250g, 20\n溆浦有机香米 10kg，１０\n永顺莓茶, 5\n永顺莓茶 250g");

        Assert.Equal("2 行已加入购物车，2 行未加入。", result.Text("#quick-order-summary"));
        var added = result.All("#added-lines tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([["1", $"L{tea}, 20"], ["2", $"L{bagged}, 10"]], added.Select(r => r[..2]));
        var refused = result.All("#refused-lines tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["3", "永顺莓茶, 5", "没有名称为“永顺莓茶”的商品；请写商品编码（如 L4）或商品页上的完整名称。"], refused[0]);
        // A name without a quantity reads its last word as the quantity, and says the quantity is wrong.
        Assert.Equal(["4", "永顺莓茶 250g", "数量应为整数。"], refused[1]);
        Assert.Equal(20, await CartQuantityAsync(email, tea));
        Assert.Equal(10, await CartQuantityAsync(email, bagged));
    }

    [SkippableFact]
    public async Task ANameSeveralListingsShareIsRefusedWithEachCandidateAndANameOnlyADraftHasIsUnknown()
    {
        var title = $"同名莓茶 {Guid.NewGuid():N}"[..12];
        var (first, _) = await Factory.AddSupplierAsync();
        var (second, _) = await Factory.AddSupplierAsync();
        var a = await Factory.AddListingAsync(first, title: title);
        var b = await Factory.AddListingAsync(second, title: title);
        var draftTitle = $"草稿莓茶 {Guid.NewGuid():N}"[..12];
        var (other, _) = await Factory.AddSupplierAsync();
        await Factory.AddListingAsync(other, published: false, title: draftTitle);
        var rejected = await Factory.AddListingAsync(other, published: false, title: draftTitle + "R");
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rejected).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Rejected)));
        var names = await Factory.WithDbAsync(db => db.Suppliers.Where(x => x.Id == first || x.Id == second).OrderBy(x => x.Id).Select(x => x.Name).ToListAsync());
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);

        var result = await buyer.QuickOrderAsync($"{title}, 10\n{draftTitle}, 10\n{draftTitle}R, 10");

        var reasons = result.All("#refused-lines tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim()).ToList();
        Assert.Equal($"名称“{title}”对应多个商品：L{a}（{names[0]}）、L{b}（{names[1]}）；请改写其中一个的商品编码。", reasons[0]);
        Assert.Equal($"没有名称为“{draftTitle}”的商品；请写商品编码（如 L4）或商品页上的完整名称。", reasons[1]);
        Assert.Equal($"没有名称为“{draftTitle}R”的商品；请写商品编码（如 L4）或商品页上的完整名称。", reasons[2]);
        Assert.Equal(3, reasons.Count);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.CartLines.CountAsync(l => db.Users.Any(u => u.Id == l.UserId && u.Email == email))));

        // One of the two leaves the catalog: the name now means the one on sale.
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == b).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Unpublished)));
        var again = await buyer.QuickOrderAsync($"{title}, 10");
        Assert.Equal("1 行已加入购物车，0 行未加入。", again.Text("#quick-order-summary"));
        Assert.Equal(10, await CartQuantityAsync(email, a));
    }

    [SkippableFact]
    public async Task AnUploadedSpreadsheetIsReadLikeAPastedQuickOrder()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var tea = await Factory.ListingIdAsync(Tea);
        var page = await buyer.GetPageAsync("/cart/quick-order");
        var csv = Encoding.UTF8.GetBytes($"商品名称,数量,商品编码\r\n永顺莓茶,20,L{tea}\r\n不存在,5,L99999\r\n");

        var result = await page.SubmitAsync(buyer, "#quick-order-upload", files: [("file", "订单.csv", csv, "text/csv")]);

        Assert.Equal("1 行已加入购物车，1 行未加入。", result.Text("#quick-order-summary"));
        Assert.Equal("3", result.Text("#refused-lines tbody td"));
        var empty = await page.SubmitAsync(buyer, "#quick-order-upload", files: [("file", "空.csv", [], "text/csv")]);
        Assert.Equal("请选择要上传的文件。", empty.Text("#upload-error"));
    }

    [SkippableFact]
    public async Task ASavedListComesBackIntoTheCartInOneStepAndReportsWhatCannot()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var rice = await Factory.ListingIdAsync(Rice);
        var honey = await Factory.ListingIdAsync("炎陵百花蜜 500g");
        await buyer.QuickOrderAsync($"L{rice}, 300\nL{honey}, 10");
        var cart = await buyer.GetPageAsync("/cart");
        var saved = await cart.SubmitAsync(buyer, "#save-list-form", [new("ListName", "周三食堂订单")]);
        Assert.Contains("周三食堂订单", saved.Text(".flash"));
        await (await buyer.GetPageAsync("/cart")).SubmitAsync(buyer, "#cart-form", submitName: "action", submitValue: "clear");

        // The honey leaves the catalog meanwhile.
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == honey).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Unpublished)));
        try
        {
            var lists = await buyer.GetPageAsync("/cart/lists");
            var list = lists.All("#saved-lists > li").Single(l => l.TextContent.Contains("周三食堂订单"));
            var back = await lists.SubmitAsync(buyer, $"#saved-lists li[data-list='{list.GetAttribute("data-list")}'] form:first-child");
            Assert.Contains("1 行已加入购物车，1 行无法加入", back.Text(".flash"));
            Assert.Contains("炎陵百花蜜 500g: 该商品已下架或暂不可购买。", back.Text("#list-refused"));
            Assert.Equal(300, await CartQuantityAsync(email, rice));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == honey).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Published)));
        }
    }

    /// <summary>A list of rice (300 kg, minimum 100) and honey (10) saved from a new buyer's cart; returns the list's id.</summary>
    private async Task<(HttpClient Buyer, long ListId, long RiceLine, long HoneyLine)> SavedListAsync(string name)
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var rice = await Factory.ListingIdAsync(Rice);
        var honey = await Factory.ListingIdAsync("炎陵百花蜜 500g");
        await buyer.QuickOrderAsync($"L{rice}, 300\nL{honey}, 10");
        await (await buyer.GetPageAsync("/cart")).SubmitAsync(buyer, "#save-list-form", [new("ListName", name)]);
        var list = await Factory.WithDbAsync(db => db.SavedLists.Where(l => l.Name == name).Select(l => new
        {
            l.Id,
            Rice = l.Lines.Where(x => x.ListingId == rice).Select(x => x.Id).Single(),
            Honey = l.Lines.Where(x => x.ListingId == honey).Select(x => x.Id).Single(),
        }).SingleAsync());
        return (buyer, list.Id, list.Rice, list.Honey);
    }

    private Task<List<(long Line, int Quantity)>> ListLinesAsync(long listId) =>
        Factory.WithDbAsync(db => db.SavedLists.Where(l => l.Id == listId).SelectMany(l => l.Lines).OrderBy(x => x.Id)
            .Select(x => new ValueTuple<long, int>(x.Id, x.Quantity)).ToListAsync());

    [SkippableFact]
    public async Task ASavedListIsRenamedItsQuantitiesChangedAndALineRemovedWithEachBadQuantityShownBesideItsField()
    {
        var name = $"周五清单 {Guid.NewGuid():N}"[..12];
        var (buyer, listId, riceLine, honeyLine) = await SavedListAsync(name);
        var lists = await buyer.GetPageAsync("/cart/lists");
        var form = await buyer.GetPageAsync(lists.Get($"#edit-list-{listId}").GetAttribute("href")!);
        Assert.Equal(name, form.Get("#Name").GetAttribute("value"));
        Assert.Equal("300", form.Get($"#qty-{riceLine}").GetAttribute("value"));

        var refused = await form.SubmitAsync(buyer, "#edit-list-form",
            [new("Name", "新名字"), new($"Quantities[{riceLine}]", "50"), new($"Quantities[{honeyLine}]", "1.5")]);
        Assert.Equal("请输入整数数量。", refused.Text($"#qty-problem-{honeyLine}"));
        Assert.Equal("1.5", refused.Get($"#qty-{honeyLine}").GetAttribute("value"));
        refused = await refused.SubmitAsync(buyer, "#edit-list-form", [new($"Quantities[{honeyLine}]", "0")]);
        Assert.Equal("低于起订量 100 kg。", refused.Text($"#qty-problem-{riceLine}"));
        Assert.Equal("数量应大于 0。", refused.Text($"#qty-problem-{honeyLine}"));
        Assert.Equal([(riceLine, 300), (honeyLine, 10)], await ListLinesAsync(listId));
        Assert.Equal(name, await Factory.WithDbAsync(db => db.SavedLists.Where(l => l.Id == listId).Select(l => l.Name).SingleAsync()));

        // Nothing left in it is not a list: the whole list is deleted on the lists page instead.
        foreach (var box in refused.All("#list-lines input[name=Remove]")) ((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked = true;
        var empty = await refused.SubmitAsync(buyer, "#edit-list-form", [new($"Quantities[{riceLine}]", "300"), new($"Quantities[{honeyLine}]", "10")]);
        Assert.Contains("清单至少要保留一行商品", empty.Text("#list-errors"));
        Assert.Equal(2, (await ListLinesAsync(listId)).Count);

        var saved = await form.SubmitAsync(buyer, "#edit-list-form",
            [new("Name", "  周五食堂清单 "), new($"Quantities[{riceLine}]", "400"), new("Remove", honeyLine.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal("/cart/lists", saved.Url!.AbsolutePath);
        Assert.Equal("已保存清单“周五食堂清单”的修改。", saved.Text(".flash"));
        Assert.Equal([(riceLine, 400)], await ListLinesAsync(listId));
        Assert.Contains("周五食堂清单", saved.Text($"#saved-lists li[data-list='{listId}'] h2"));

        // Another organisation's buyer cannot open it.
        var other = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync($"/cart/lists/{listId}")).StatusCode);
    }

    [SkippableFact]
    public async Task TwoBuyersEditingOneListAtOnceCannotOverwriteEachOther()
    {
        var name = $"共享清单 {Guid.NewGuid():N}"[..12];
        var (first, listId, riceLine, honeyLine) = await SavedListAsync(name);
        var second = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var firstForm = await first.GetPageAsync($"/cart/lists/{listId}");
        var secondForm = await second.GetPageAsync($"/cart/lists/{listId}");

        await firstForm.SubmitAsync(first, "#edit-list-form", [new($"Quantities[{riceLine}]", "500")]);
        var late = await secondForm.SubmitAsync(second, "#edit-list-form", [new($"Quantities[{honeyLine}]", "20")]);

        Assert.Equal("未保存：此清单刚被同事修改过。下面是它现在的内容，请在此基础上重新修改后保存。", late.Text("#list-errors li"));
        Assert.Equal("500", late.Get($"#qty-{riceLine}").GetAttribute("value"));
        Assert.Equal("10", late.Get($"#qty-{honeyLine}").GetAttribute("value"));
        Assert.Equal([(riceLine, 500), (honeyLine, 10)], await ListLinesAsync(listId));
        // Made again from the list as it now is, the second buyer's change goes in.
        var again = await late.SubmitAsync(second, "#edit-list-form", [new($"Quantities[{honeyLine}]", "20")]);
        Assert.Equal("/cart/lists", again.Url!.AbsolutePath);
        Assert.Equal([(riceLine, 500), (honeyLine, 20)], await ListLinesAsync(listId));
    }

    [SkippableFact]
    public async Task APriceChangedAfterTheCheckoutPageWasShownIsShownForConfirmationAndNothingIsOrdered()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var listing = await Factory.ListingIdAsync("汝城鲜辣椒");
        await buyer.QuickOrderAsync($"L{listing}, 50");
        var checkout = await buyer.GetPageAsync("/cart/checkout");

        await SetPriceAsync(listing, 1080);
        try
        {
            var changed = await checkout.SubmitAsync(buyer, "#checkout-form");
            Assert.Equal("/cart/checkout", changed.Url!.AbsolutePath);
            Assert.Contains("未提交订单", changed.Text(".form-errors"));
            Assert.Contains("单价由 ¥9.80 变为 ¥10.80", changed.Text("#checkout-changes"));
            Assert.Equal(0, await Factory.WithDbAsync(db => db.OrderLines.CountAsync(l => l.ListingId == listing && l.UnitPriceFen == 1080)));

            // The cart still remembers the old price, so placing it needs the change confirmed.
            var unconfirmed = await changed.SubmitAsync(buyer, "#checkout-form");
            Assert.Contains("请勾选确认", unconfirmed.Text("[data-valmsg-for='Input.ConfirmChanges']"));
            var placed = await unconfirmed.SubmitAsync(buyer, "#checkout-form", [new("Input.ConfirmChanges", "true")]);
            var purchaseId = PurchaseIdOf(placed);
            Assert.Equal(54_000, await Factory.WithDbAsync(db => db.Purchases.Where(p => p.Id == purchaseId).Select(p => p.TotalFen).SingleAsync()));
        }
        finally
        {
            await SetPriceAsync(listing, 980);
        }
    }

    [SkippableFact]
    public async Task ATradeUnionPurchaseIsExplainedAtCheckoutAndOnItsPurchaseAndOrder()
    {
        const string hint = "由本单位工会经费支付的采购（如职工节日慰问品），与其他采购一样计入本单位的消费帮扶预留份额。";
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 10");

        var checkout = await buyer.GetPageAsync("/cart/checkout");
        Assert.Equal("trade-union-hint", checkout.Get("#Input_IsTradeUnion").GetAttribute("aria-describedby"));
        Assert.Equal(hint, checkout.Text("#trade-union-hint"));

        var purchase = await checkout.SubmitAsync(buyer, "#checkout-form", [new("Input.IsTradeUnion", "true")]);
        Assert.Equal(hint, purchase.Text(".trade-union-hint"));
        var order = await buyer.GetPageAsync($"/orders/{OrderIdsOf(purchase).Single()}");
        Assert.Equal(hint, order.Text(".trade-union-hint"));
    }

    [SkippableFact]
    public async Task ADeliveryDateBeforeTheLeadTimeIsRefusedBesideTheField()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 10");
        var refused = await buyer.CheckOutAsync([new("Input.RequestedDeliveryDate", "2020-01-01")]);
        Assert.Contains("最早可在", refused.Text("[data-valmsg-for='Input.RequestedDeliveryDate']"));
        var empty = await refused.SubmitAsync(buyer, "#checkout-form", [new("Input.RequestedDeliveryDate", "")]);
        Assert.Contains("请填写期望送达日期", empty.Text("[data-valmsg-for='Input.RequestedDeliveryDate']"));
    }

    [SkippableFact]
    public async Task OrderingAgainPutsTheLinesBackAndReportsWhatChanged()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var tea = await Factory.ListingIdAsync(Tea);
        await buyer.QuickOrderAsync($"L{tea}, 10");
        var order = OrderIdsOf(await buyer.CheckOutAsync()).Single();
        var again = await (await buyer.GetPageAsync($"/orders/{order}")).SubmitAsync(buyer, "#reorder-form");
        Assert.Equal("/cart", again.Url!.AbsolutePath);
        Assert.Matches(@"(^|\D)1 行", again.Text(".flash"));

        await SetPriceAsync(tea, 7000);
        try
        {
            var report = await (await buyer.GetPageAsync($"/orders/{order}")).SubmitAsync(buyer, "#reorder-form");
            Assert.Contains("单价由 ¥68.00 变为 ¥70.00", report.Text("#reorder-report"));
        }
        finally
        {
            await SetPriceAsync(tea, 6800);
        }
    }

    private Task<int> CartQuantityAsync(string email, int listingId) =>
        Factory.WithDbAsync(db => db.CartLines.Where(l => l.ListingId == listingId && db.Users.Any(u => u.Id == l.UserId && u.Email == email)).Select(l => l.Quantity).SingleAsync());

    private Task SetPriceAsync(int listingId, long priceFen) => Factory.WithDbAsync(async db =>
    {
        var listing = await db.Listings.Include(l => l.PriceTiers).SingleAsync(l => l.Id == listingId);
        var tiers = listing.Tiers.Select((t, i) => i == 0 ? t with { UnitPriceFen = priceFen } : t with { UnitPriceFen = Math.Min(t.UnitPriceFen, priceFen) }).ToList();
        Assert.Empty(listing.SetPricing(listing.MinOrderQuantity, tiers));
        listing.Revise(DateTime.UtcNow);
        await db.SaveChangesAsync();
    });
}
