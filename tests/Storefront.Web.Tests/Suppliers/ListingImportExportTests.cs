using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Web.Tables;

namespace Storefront.Web.Tests.Suppliers;

public class ListingImportExportOnSqlite(StorefrontFactory factory) : ListingImportExportTests<StorefrontFactory>(factory);
public class ListingImportExportOnPostgreSql(PostgreSqlStorefrontFactory factory) : ListingImportExportTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>Listings go out as CSV or XLSX and come back in bulk, every row checked.</summary>
public abstract class ListingImportExportTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static async Task<Core.Tables.TableData> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (table, problem) = await TableFiles.ReadAsync(await response.Content.ReadAsStreamAsync(), 1000);
        Assert.Equal(TableFiles.Problem.None, problem);
        return table!;
    }

    [SkippableFact]
    public async Task TheTemplateAndTheExportAreTablesTheImportReads()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId, title: "导出莓茶");
        var client = await SignedInClientAsync(email);
        var list = await client.GetPageAsync("/supplier/listings");

        var xlsx = await client.GetAsync(list.Get("#export-xlsx").GetAttribute("href")!);
        Assert.Equal(TableFiles.XlsxContentType, xlsx.Content.Headers.ContentType!.ToString());
        var exported = await ReadAsync(xlsx);
        var row = Assert.Single(exported.Rows);
        Assert.Equal(["L" + id, "导出莓茶", "0503", "433127"], row.Cells.Take(4));
        Assert.Equal("10:68.00; 50:64.60", row[exported.Column("阶梯价格")]);
        Assert.Equal("在售", row[exported.Column("状态")]);

        var csv = await client.GetAsync(list.Get("#export-csv").GetAttribute("href")!);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        Assert.Equal("导出莓茶", (await ReadAsync(csv)).Rows[0][1]);

        var import = await client.GetPageAsync("/supplier/listings/import");
        var template = await ReadAsync(await client.GetAsync(import.Get("#template-xlsx").GetAttribute("href")!));
        Assert.Equal(ListingTable.Headers(false), template.Headers);
        Assert.Equal("", template.Rows[0][0]);
        Assert.NotNull(await ReadAsync(await client.GetAsync(import.Get("#template-csv").GetAttribute("href")!)));
    }

    [SkippableFact]
    public async Task AListingTitledLikeAFormulaIsExportedAsTextAndItsPricesStayNumbers()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId, title: "=HYPERLINK(\"http://evil.example\")莓茶");
        var client = await SignedInClientAsync(email);
        var list = await client.GetPageAsync("/supplier/listings");

        var csv = await ReadAsync(await client.GetAsync(list.Get("#export-csv").GetAttribute("href")!));

        var row = Assert.Single(csv.Rows);
        Assert.Equal(["L" + id, "'=HYPERLINK(\"http://evil.example\")莓茶"], row.Cells.Take(2));
        Assert.Equal("10:68.00; 50:64.60", row[csv.Column("阶梯价格")]);
    }

    private static byte[] Csv(params string[] lines) =>
        Encoding.UTF8.GetBytes(string.Join('\n', [string.Join(',', ListingTable.Headers(false)), .. lines]));

    [SkippableFact]
    public async Task AnImportListsTheRefusedRowsAndAppliesAllOrOnlyTheValidOnesAsChosen()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var own = await Factory.AddListingAsync(supplierId, title: "导入前莓茶");
        var (otherId, _) = await Factory.AddSupplierAsync();
        var foreign = await Factory.AddListingAsync(otherId, title: "别人的莓茶");
        var client = await SignedInClientAsync(email);
        var file = Csv(
            ",导入新莓茶 100g,茶叶,433127,罐,100g/罐,20,20:30; 100:28,300,3,,新品,",
            $"L{own},导入后莓茶,0503,433127,盒,250g/盒,10,10:68; 50:64.60,80,2,,,",
            $"L{foreign},偷改别人的,0503,433127,盒,250g/盒,10,10:1,1,2,,,",
            ",长沙莓茶,0503,430104,盒,250g/盒,10,10:68; 20:70,1,2,,,");

        var page = await client.GetPageAsync("/supplier/listings/import");
        var refused = await page.SubmitAsync(client, "#import-form", [new("Mode", "AllOrNothing")], files: [("file", "listings.csv", file, "text/csv")]);
        Assert.Contains("有 2 行有误，未导入任何内容", refused.Text("#import-not-applied"));
        var lines = refused.All("#refused-rows tbody tr").ToDictionary(r => r.GetAttribute("data-line")!, r => r.TextContent);
        Assert.Equal(["4", "5"], lines.Keys);
        Assert.Contains("没有这个编码的商品", lines["4"]);
        Assert.Contains("不在脱贫县名单内", lines["5"]);
        Assert.Contains("阶梯价格 2: 数量越多单价不能越高", lines["5"]);
        Assert.Equal(("导入前莓茶", 1), await Factory.WithDbAsync(async db =>
            (await db.Listings.Where(l => l.Id == own).Select(l => l.Title).SingleAsync(), await db.Listings.CountAsync(l => l.SupplierId == supplierId))));

        var applied = await page.SubmitAsync(client, "#import-form", [new("Mode", "ValidRowsOnly")], files: [("file", "listings.csv", file, "text/csv")]);
        Assert.Contains("新建 1 件（草稿），更新 1 件", applied.Text("#import-applied"));
        Assert.Equal(2, applied.All("#refused-rows tbody tr").Count);
        var listings = await Factory.WithDbAsync(db => db.Listings.Where(l => l.SupplierId == supplierId).OrderBy(l => l.Id).ToListAsync());
        Assert.Equal([("导入后莓茶", ListingStatus.Published, 80), ("导入新莓茶 100g", ListingStatus.Draft, 300)], listings.Select(l => (l.Title, l.Status, l.Stock)));
        Assert.Equal("别人的莓茶", await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == foreign).Select(l => l.Title).SingleAsync()));
    }

    [SkippableFact]
    public async Task AFileThatIsNotATableOrLacksColumnsIsRefusedWithAMessage()
    {
        var (_, email) = await Factory.AddSupplierAsync();
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync("/supplier/listings/import");
        var columns = await page.SubmitAsync(client, "#import-form", files: [("file", "x.csv", Encoding.UTF8.GetBytes("标题,库存\n莓茶,1\n"), "text/csv")]);
        Assert.Contains("表格缺少以下列：商品编码", columns.Text("#import-error"));
        var empty = await page.SubmitAsync(client, "#import-form", files: [("file", "x.csv", [], "text/csv")]);
        Assert.Contains("请选择要导入的文件", empty.Text("#import-error"));
        var binary = await page.SubmitAsync(client, "#import-form", files: [("file", "x.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5], "application/octet-stream")]);
        Assert.Equal(HttpStatusCode.OK, binary.Status);
        Assert.Contains("无法读取此文件", binary.Text("#import-error"));
    }
}
