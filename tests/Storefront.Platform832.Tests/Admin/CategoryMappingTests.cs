using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Platform832;
using Storefront.Web.Demo;
using Storefront.Web.Setup;

namespace Storefront.Platform832.Tests.Admin;

public class CategoryMappingOnSqlite(Platform832Factory factory) : CategoryMappingTests<Platform832Factory>(factory);
public class CategoryMappingOnPostgreSql(PostgreSqlPlatform832Factory factory) : CategoryMappingTests<PostgreSqlPlatform832Factory>(factory);

/// <summary>
/// /admin/sync/categories against a simulator whose categories share no code with the shop's: listings wait for a
/// mapping, shown to admins and to the supplier, and leave once an admin accepts the suggestion; the mapping goes out
/// and comes back as CSV.
/// </summary>
public abstract class CategoryMappingTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : Platform832Factory
{
    /// <summary>The mapping page after the platform's lists were read, with one category's mapping removed by the admin.</summary>
    private async Task<HtmlPage> UnmappedAsync(HttpClient client, string shopCode)
    {
        Assert.True(await Factory.RunJobAsync<Platform832ReferenceDataJob>());
        var page = await client.GetPageAsync("/admin/sync/categories");
        var unmapped = await page.SubmitAsync(client, $"#category-{shopCode} .choose-form", [new("platformCode", "")]);
        Assert.Equal("no", unmapped.Find($"#category-{shopCode}")!.GetAttribute("data-mapped"));
        return unmapped;
    }

    [SkippableFact]
    public async Task ListingsOfAnUnmappedCategoryWaitOnTheMonitorAndTheSuppliersPageThenLeaveWhenAnAdminAcceptsTheSuggestion()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await UnmappedAsync(admin, "0101");
        Assert.Contains("产地县 54 个", page.Text("#reference-read"));
        var (_, code, listings) = await Factory.OnboardOn832Async("xupu", l => l.Category.Slug == "rice" && l.Status == ListingStatus.Published);
        Assert.NotEmpty(listings);

        Assert.True(await Factory.RunJobAsync<Platform832SyncJob>());

        Assert.DoesNotContain(Factory.Simulator.State.Products(), p => p.SupplierCode == code);
        var monitor = await admin.GetPageAsync("/admin/sync");
        var waiting = monitor.All("#waiting-classes li").Select(l => l.TextContent).Single(t => t.Contains("0101", StringComparison.Ordinal));
        Assert.Contains("832: 分类未对应 · 大米", waiting);
        // Every rice listing of a supplier with an 832 code waits (other tests of this class may have coded more suppliers).
        var waitingRice = await Factory.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.State == ListingSyncState.Waiting && r.Listing.Category.Code == "0101"));
        Assert.True(waitingRice >= listings.Count);
        Assert.Contains($"{waitingRice} 个商品", waiting);
        var cooperative = await SignedInClientAsync(DemoData.SupplierEmail("xupu"));
        var own = await cooperative.GetPageAsync("/supplier/listings");
        Assert.All(listings, id => Assert.Contains("832: 分类未对应", own.Text($"tr[data-listing-id='{id}'] .p832-status")));
        Assert.Contains("832 上仅显示起订价", own.Text("#p832-price-note"));
        var edit = await cooperative.GetPageAsync($"/supplier/listings/edit/{listings[0]}");
        Assert.Contains("832 上仅显示起订价", edit.Text("#tiers-832"));

        // The suggestion by name is 110001 大米: one click.
        var row = (await admin.GetPageAsync("/admin/sync/categories")).Find("#category-0101 .accept-form")!;
        Assert.Contains("110001 大米", row.TextContent);
        var accepted = await page.SubmitAsync(admin, "#category-0101 .accept-form");
        Assert.Contains($"大米 已对应 832 分类 110001，{waitingRice} 个商品已排队发送", accepted.Text(".flash"));
        Assert.True(await Factory.RunJobAsync<Platform832SyncJob>());

        var sent = Factory.Simulator.State.Products().Where(p => p.SupplierCode == code).ToList();
        Assert.Equal(listings.Select(Listing.CodeOf).Order(), sent.Select(p => p.ExternalId).Order());
        Assert.All(sent, p => Assert.Equal("110001", p.Fields.CategoryCode));
        var after = await cooperative.GetPageAsync("/supplier/listings");
        Assert.All(listings, id => Assert.DoesNotContain("分类未对应", after.Text($"tr[data-listing-id='{id}'] .p832-status")));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.MapCategory" && a.SubjectId == "0101" && a.Details == "110001")));
    }

    [SkippableFact]
    public async Task TheMappingGoesOutAsGuardedCsvAndComesBackAndAFileWithABadLineChangesNothing()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await UnmappedAsync(admin, "0402");
        // A platform is free to name its categories as it likes; a spreadsheet must not run that name as a formula.
        await Factory.WithDbAsync(async db =>
        {
            db.Platform832Categories.Add(new Platform832Category { Code = "990001", Name = "=HYPERLINK(\"http://evil.example\",\"蜂蜜\")", ParentCode = "1400", ReadAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var page = await admin.GetPageAsync("/admin/sync/categories");
        await page.SubmitAsync(admin, "#category-0402 .choose-form", [new("platformCode", "990001")]);

        var export = await admin.GetAsync("/admin/sync/categories?handler=Export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("本平台分类编码,本平台分类,832 分类编码,832 分类", lines[0]);
        Assert.Equal(10, lines.Length);
        Assert.Equal("0402,土特产 / 蜂蜜,990001,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"蜂蜜\"\")\"", lines.Single(l => l.StartsWith("0402,", StringComparison.Ordinal)));

        // One unknown shop category and one unknown platform code: nothing is applied, each line says why.
        var bad = Encoding.UTF8.GetBytes("本平台分类编码,832 分类编码\n0402,140002\n9999,110001\n0101,ZZZ\n");
        var refused = await page.SubmitAsync(admin, "#import-form", files: [("file", "mapping.csv", bad, "text/csv")]);
        Assert.Contains("有 2 行无法导入，未做任何更改。", refused.Errors);
        Assert.Equal(["第 3 行：本平台没有可放商品的分类 9999", "第 4 行：平台没有分类 ZZZ"], refused.All("#import-errors li").Select(l => l.TextContent.Trim()));
        Assert.Equal("990001", await MappingOfAsync("0402"));

        // The export read back changes nothing; a file that remaps one category remaps it.
        var same = await page.SubmitAsync(admin, "#import-form", files: [("file", "mapping.csv", bytes, "text/csv")]);
        Assert.Contains("已导入 9 行，0 个对应有变化", same.Text(".flash"));
        var good = Encoding.UTF8.GetBytes("832 category code,Shop category code\n140002,0402\n");
        var imported = await page.SubmitAsync(admin, "#import-form", files: [("file", "mapping.csv", good, "text/csv")]);
        Assert.Contains("已导入 1 行，1 个对应有变化", imported.Text(".flash"));
        Assert.Equal("140002", await MappingOfAsync("0402"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.ImportCategoryMapping" && a.Details!.StartsWith("1 of 1"))));
    }

    [SkippableFact]
    public async Task EveryDemoListingReachesThePlatformOnceAnAdminHasAcceptedTheSuggestions()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        // Every demo supplier gets a code, as the demo's Platform832:AssignDemoSupplierCodes does.
        var published = await Factory.WithDbAsync(async db =>
        {
            foreach (var supplier in await db.Suppliers.Where(s => s.Platform832Code == null).ToListAsync()) supplier.Platform832Code = $"S{supplier.CountyCode}{supplier.Id:D3}";
            var ids = await db.Listings.Select(l => l.Id).ToListAsync();
            foreach (var id in ids) db.ListingSyncJobs.Add(ListingSyncJob.For(id, DateTime.UtcNow));
            await db.SaveChangesAsync();
            return await db.Listings.Where(l => l.Status == ListingStatus.Published && l.Supplier.Status == Core.Organisations.VerificationStatus.Verified)
                .Select(l => new { l.Id, Code = l.Supplier.Platform832Code! }).ToListAsync();
        });
        Assert.Equal(82, published.Count);
        Assert.True(await Factory.RunJobAsync<Platform832SyncJob>());
        Assert.True(published.Count(p => Factory.Simulator.State.Product(p.Code, Listing.CodeOf(p.Id)) is not null) < 82);

        // The platform's lists read afresh (what an earlier test added by hand is gone), then one click.
        var page = await (await admin.GetPageAsync("/admin/sync/categories")).SubmitAsync(admin, "#refresh-form");
        Assert.Contains("已读取平台分类 25 个、产地县 54 个", page.Text(".flash"));
        if (page.Find("#accept-all-form") is not null) page = await page.SubmitAsync(admin, "#accept-all-form");
        Assert.Empty(page.All("#category-map tr[data-mapped='no']"));
        Assert.True(await Factory.RunJobAsync<Platform832SyncJob>());

        Assert.All(published, p => Assert.NotNull(Factory.Simulator.State.Product(p.Code, Listing.CodeOf(p.Id))));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.State == ListingSyncState.Waiting)));
        var monitor = await admin.GetPageAsync("/admin/sync");
        Assert.Null(monitor.Find("#waiting-classes"));
    }

    private Task<string?> MappingOfAsync(string shopCode) => Factory.WithDbAsync(db =>
        db.Platform832CategoryMappings.Where(m => m.Category.Code == shopCode).Select(m => (string?)m.PlatformCategoryCode).SingleOrDefaultAsync());
}
