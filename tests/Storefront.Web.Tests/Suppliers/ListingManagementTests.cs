using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Suppliers;

public class ListingManagementOnSqlite(StorefrontFactory factory) : ListingManagementTests<StorefrontFactory>(factory);
public class ListingManagementOnPostgreSql(PostgreSqlStorefrontFactory factory) : ListingManagementTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A supplier creates, edits, prices, stocks, publishes and deletes its listings.</summary>
public abstract class ListingManagementTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static string TeaCategory(HtmlPage form) =>
        form.All("#Input_CategoryId option").Single(o => o.TextContent.Trim() == "茶叶").GetAttribute("value")!;

    private static List<KeyValuePair<string, string>> ListingFields(HtmlPage form, string title, params (string Quantity, string Price)[] tiers)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title), new("Input.CategoryId", TeaCategory(form)), new("Input.OriginCountyCode", "433127"),
            new("Input.Unit", "盒"), new("Input.Spec", "250g/盒"), new("Input.MinOrderQuantity", "10"), new("Input.Stock", "500"),
            new("Input.LeadTimeDays", "2"), new("Input.CertificationNo", "HN-2026-0000001"), new("Input.Description", "高山野生莓茶。"),
        };
        for (var i = 0; i < tiers.Length; i++)
        {
            fields.Add(new($"Input.Tiers[{i}].Quantity", tiers[i].Quantity));
            fields.Add(new($"Input.Tiers[{i}].Price", tiers[i].Price));
        }
        return fields;
    }

    [SkippableFact]
    public async Task AVerifiedSupplierCreatesAListingWithTiersAndPublishesItToTheCatalog()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var client = await SignedInClientAsync(email);
        var list = await client.GetPageAsync("/supplier/listings");
        var form = await client.GetPageAsync(list.Get("#new-listing").GetAttribute("href")!);
        Assert.Equal("433127", form.Get("#Input_OriginCountyCode option[selected]").GetAttribute("value"));
        var photos = await form.SubmitAsync(client, "#listing-form", ListingFields(form, "松柏莓茶 礼盒 250g", ("10", "68"), ("50", "64.60"), ("200", "¥61.2")));
        Assert.Contains("/photos", photos.Url!.AbsolutePath);
        Assert.Contains("草稿", photos.Text(".flash"));

        var listing = await Factory.WithDbAsync(db => db.Listings.Include(l => l.PriceTiers).SingleAsync(l => l.SupplierId == supplierId));
        Assert.Equal((ListingStatus.Draft, 10, 6800L, 6120L), (listing.Status, listing.MinOrderQuantity, listing.BasePriceFen, listing.LowestPriceFen));
        Assert.Equal([10, 50, 200], listing.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => t.MinQuantity));

        var table = await client.GetPageAsync("/supplier/listings");
        var row = table.Get($"#listings tr[data-listing-id='{listing.Id}']");
        Assert.Equal("Draft", row.GetAttribute("data-status"));
        var published = await table.SubmitAsync(client, $"#listings tr[data-listing-id='{listing.Id}'] form[action*='handler=Publish']");
        Assert.Contains("已上架", published.Text(".flash"));
        Assert.Equal("Published", published.Get($"#listings tr[data-listing-id='{listing.Id}']").GetAttribute("data-status"));

        var catalog = await Client().GetPageAsync("/catalog?q=" + Uri.EscapeDataString("松柏莓茶 礼盒"));
        Assert.Contains("松柏莓茶 礼盒 250g", catalog.All("#results .card-title").Select(e => e.TextContent.Trim()));
        var page = await Client().GetPageAsync($"/listings/{listing.Id}");
        Assert.Equal(3, page.All("#price-tiers tbody tr").Count);
        // Created (revision 1) and published (revision 2): each wrote a sync job for the 832 platform.
        Assert.Equal((2, 2), await Factory.WithDbAsync(async db =>
            (await db.Listings.Where(l => l.Id == listing.Id).Select(l => l.Revision).SingleAsync(), await db.ListingSyncJobs.CountAsync(j => j.ListingId == listing.Id))));
    }

    [SkippableFact]
    public async Task EveryRuleTheFormBreaksIsShownBesideItsField()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var client = await SignedInClientAsync(email);
        var form = await client.GetPageAsync("/supplier/listings/edit");
        var fields = ListingFields(form, "", ("5", "68"), ("50", "70"), ("40", "abc"));
        fields.RemoveAll(f => f.Key is "Input.OriginCountyCode" or "Input.Stock" or "Input.LeadTimeDays");
        fields.AddRange([new("Input.OriginCountyCode", "430104"), new("Input.Stock", "-1"), new("Input.LeadTimeDays", "400")]);
        var page = await form.SubmitAsync(client, "#listing-form", fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        string Error(string field) => page.Text($"[data-valmsg-for='{field}']");
        Assert.Contains("请填写此项", Error("Input.Title"));
        Assert.Contains("不在脱贫县名单内", Error("Input.OriginCountyCode"));
        Assert.Contains("库存不能为负数", Error("Input.Stock"));
        Assert.Contains("0 到 365 天", Error("Input.LeadTimeDays"));
        Assert.Contains("请填写金额", Error("Input.Tiers[2].Price"));
        Assert.Equal("abc", page.Get("#Input_Tiers_2__Price").GetAttribute("value"));
        Assert.False(await Factory.WithDbAsync(db => db.Listings.AnyAsync(l => l.SupplierId == supplierId)));

        // With every row readable, the tier rules speak beside the tier they concern.
        fields.RemoveAll(f => f.Key.StartsWith("Input.Tiers", StringComparison.Ordinal) || f.Key is "Input.Title");
        fields.AddRange([new("Input.Title", "莓茶"), new("Input.Tiers[0].Quantity", "5"), new("Input.Tiers[0].Price", "68"), new("Input.Tiers[1].Quantity", "50"), new("Input.Tiers[1].Price", "70")]);
        var tiers = await form.SubmitAsync(client, "#listing-form", fields);
        Assert.Contains("第一档的起始数量必须等于起订量", tiers.Text("[data-valmsg-for='Input.Tiers[0].Quantity']"));
        Assert.Contains("数量越多单价不能越高", tiers.Text("[data-valmsg-for='Input.Tiers[1].Price']"));
        var group = await Factory.WithDbAsync(db => db.Categories.Where(c => c.Code == "05").Select(c => c.Id).SingleAsync());
        fields.RemoveAll(f => f.Key == "Input.CategoryId");
        fields.Add(new("Input.CategoryId", group.ToString()));
        var category = await form.SubmitAsync(client, "#listing-form", fields);
        Assert.Contains("不能只选大类", category.Text("[data-valmsg-for='Input.CategoryId']"));
    }

    [SkippableFact]
    public async Task EditingWhatThePlatformSeesRaisesTheRevisionAndAStaleFormIsNotSavedUnseen()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId, title: "编辑前莓茶");
        var client = await SignedInClientAsync(email);
        var form = await client.GetPageAsync($"/supplier/listings/edit/{id}");
        Assert.Equal("68.00", form.Get("#Input_Tiers_0__Price").GetAttribute("value"));
        var revision = int.Parse(form.Get("input[name='Input.Revision']").GetAttribute("value")!);

        var saved = await form.SubmitAsync(client, "#listing-form", [new("Input.Title", "编辑后莓茶"), new("Input.Tiers[0].Price", "66")]);
        Assert.Contains("已保存", saved.Text(".flash"));
        var listing = await Factory.WithDbAsync(db => db.Listings.SingleAsync(l => l.Id == id));
        Assert.Equal(("编辑后莓茶", 6600L, revision + 1), (listing.Title, listing.BasePriceFen, listing.Revision));
        Assert.Contains("编辑后莓茶", listing.SearchText);

        // Only the lead time: the 832 platform does not receive it, so no new revision.
        var leadOnly = await saved.SubmitAsync(client, "#listing-form", [new("Input.LeadTimeDays", "5")]);
        Assert.Empty(leadOnly.Errors);
        Assert.Equal(revision + 1, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Revision).SingleAsync()));

        // The first form was opened before both saves: submitting it again does not overwrite them unseen.
        var stale = await form.SubmitAsync(client, "#listing-form", [new("Input.Title", "过期表单莓茶")]);
        Assert.Contains("打开此页后商品已被修改", string.Join(" ", stale.Errors));
        Assert.Equal("编辑后莓茶", await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Title).SingleAsync()));
        // Saving the shown form again applies it knowingly.
        var knowingly = await stale.SubmitAsync(client, "#listing-form");
        Assert.Contains("已保存", knowingly.Text(".flash"));
        Assert.Equal("过期表单莓茶", await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Title).SingleAsync()));
    }

    [SkippableFact]
    public async Task StockIsAdjustedInTheTableAndACountMadeOnAStaleRowIsRefused()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var table = await client.GetPageAsync("/supplier/listings");
        var formSelector = $"#listings tr[data-listing-id='{id}'] form.stock-form";
        var saved = await table.SubmitAsync(client, formSelector, [new("stock", "250")]);
        Assert.Contains("库存已改为 250", saved.Text(".flash"));
        Assert.Equal("250", saved.Get($"#stock-{id}").GetAttribute("value"));

        // An order took stock meanwhile (the old page still shows 100): the count made on the old row is not applied.
        var stale = await table.SubmitAsync(client, formSelector, [new("stock", "90")]);
        Assert.Matches(@"当前为 250(\D|$)", stale.Text(formSelector + " .field-error"));
        var negative = await saved.SubmitAsync(client, formSelector, [new("stock", "-5")]);
        Assert.Contains("0 或以上的整数", negative.Text(formSelector + " .field-error"));
        Assert.Equal(250, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Stock).SingleAsync()));
    }

    [SkippableFact]
    public async Task UnpublishingAndDeletingTakeTheListingOutOfTheCatalog()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var table = await client.GetPageAsync("/supplier/listings");
        var unpublished = await table.SubmitAsync(client, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Unpublish']");
        Assert.Equal("Unpublished", unpublished.Get($"#listings tr[data-listing-id='{id}']").GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/listings/{id}")).StatusCode);

        var deleted = await unpublished.SubmitAsync(client, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Delete']");
        Assert.Null(deleted.Find($"#listings tr[data-listing-id='{id}']"));
        Assert.Equal(ListingStatus.Deleted, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/supplier/listings/edit/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task AnUnverifiedOrSuspendedSupplierPreparesDraftsButCannotPublish()
    {
        foreach (var status in new[] { VerificationStatus.Pending, VerificationStatus.Rejected, VerificationStatus.Suspended })
        {
            var (supplierId, email) = await Factory.AddSupplierAsync(status);
            var id = await Factory.AddListingAsync(supplierId, published: false);
            var client = await SignedInClientAsync(email);
            var table = await client.GetPageAsync("/supplier/listings");
            Assert.NotNull(table.Find("#may-not-sell"));
            var refused = await table.SubmitAsync(client, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Publish']");
            Assert.Contains("不能上架", refused.Text(".flash"));
            Assert.Equal(ListingStatus.Draft, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Status).SingleAsync()));
        }
    }

    [SkippableFact]
    public async Task TheDemoPendingCooperativeWaitsAndItsOwnerSeesWhy()
    {
        var client = await SignedInClientAsync(DemoData.SupplierEmail("jingzhou"));
        var portal = await client.GetPageAsync("/supplier");
        Assert.Equal("Pending", portal.Get("#verification").GetAttribute("data-status"));
        Assert.Matches(@"(^|\D)1 个文件", portal.Text("#tool-documents"));
    }
}
