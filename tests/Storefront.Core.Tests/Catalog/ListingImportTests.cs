using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;
using Storefront.Core.Tables;

namespace Storefront.Core.Tests.Catalog;

public class ListingImportTests
{
    private static readonly string[] Headers = ListingTable.Headers(english: false).ToArray();

    private static TableData Table(params string[][] rows) =>
        new(Headers, rows.Select((cells, i) => new TableRow(i + 2, cells)).ToList());

    private static string[] Row(string code = "", string title = "永顺莓茶 250g", string category = "0503", string county = "433127",
        string moq = "10", string tiers = "10:68; 50:64.60", string stock = "100", string lead = "2") =>
        [code, title, category, county, "盒", "250g/盒", moq, tiers, stock, lead, "", "描述"];

    private static readonly IReadOnlyDictionary<string, Category> Categories = ListingImport.CategoryKeys(
    [
        new Category { Code = "0503", Name = "茶叶", NameEn = "Tea", Slug = "tea", ParentCode = "05" },
        new Category { Code = "05", Name = "茶饮", NameEn = "Tea & drinks", Slug = "tea-drinks" },
    ]);

    private static ListingImport.ParsedRow Parse(string[] cells, DesignatedCounties.Verdict verdict = DesignatedCounties.Verdict.Designated)
    {
        var (columns, missing) = ListingImport.MapColumns(Table(cells), english: false);
        Assert.Empty(missing);
        return ListingImport.Parse(new TableRow(2, cells), columns!, Categories, _ => verdict);
    }

    [Fact]
    public void ReadsARowIntoListingInputWithItsTiersInFen()
    {
        var row = Parse(Row(category: "茶叶"));
        Assert.Empty(row.Problems);
        Assert.Null(row.ListingId);
        Assert.Equal([new PriceTier(10, 6800), new PriceTier(50, 6460)], row.Input.Tiers);
        Assert.Equal((10, 100, 2), (row.Input.MinOrderQuantity, row.Input.Stock, row.Input.LeadTimeDays));
    }

    [Theory]
    [InlineData("10:68；50：64.6", 2)]
    [InlineData("10:68|50:64.6|200:61", 3)]
    [InlineData("10:¥68.00", 1)]
    public void ReadsTiersWrittenTheWaysPeopleWriteThem(string text, int count) =>
        Assert.Equal(count, ListingTable.ParseTiers(text)!.Count);

    [Theory]
    [InlineData("10=68")]
    [InlineData("ten:68")]
    [InlineData("10:abc")]
    public void AnUnreadableTierCellIsOneProblem(string text)
    {
        var row = Parse(Row(tiers: text));
        Assert.Equal([new ListingProblem(ListingField.Tiers, "Unreadable")], row.Problems);
    }

    [Fact]
    public void ReportsEveryProblemOfARowOnceAndByItsField()
    {
        var row = Parse(Row(code: "X9", title: "", category: "05", moq: "十", tiers: "10:68; 5:70", stock: "-3", lead: ""), DesignatedCounties.Verdict.NotDesignated);
        Assert.Contains(new ListingProblem(ListingField.Code, "Malformed"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.Title, "Required"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.Category, "NotLeaf"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.OriginCounty, "NotDesignated"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.MinOrderQuantity, "NotANumber"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.Tiers, "QuantityNotIncreasing", 1), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.Tiers, "PriceIncreases", 1), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.Stock, "Negative"), row.Problems);
        Assert.Contains(new ListingProblem(ListingField.LeadTimeDays, "Required"), row.Problems);
        // An unreadable minimum order is not reported a second time through the first tier.
        Assert.DoesNotContain(row.Problems, p => p.Code == "FirstTierNotAtMinimumOrder");
    }

    [Fact]
    public void ATableWithoutTheRequiredColumnsIsRefusedWhole()
    {
        var table = new TableData(["标题", "Stock"], []);
        var (columns, missing) = ListingImport.MapColumns(table, english: true);
        Assert.Null(columns);
        Assert.Contains("Code", missing);
        Assert.DoesNotContain("Stock", missing);
    }

    [Fact]
    public void EnglishHeadersAreReadToo()
    {
        var table = new TableData(ListingTable.Headers(english: true).ToArray(), []);
        Assert.Empty(ListingImport.MapColumns(table, english: false).Missing);
    }

    private static async Task<(InMemoryDatabase Database, ListingImport Import, int SupplierId, Listing Own, Listing Foreign)> ArrangeAsync()
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        await db.DesignateAsync("433127");
        var supplier = await db.AddSupplierAsync();
        var other = await db.AddSupplierAsync();
        var own = await db.AddListingAsync(supplier);
        var foreign = await db.AddListingAsync(other);
        return (database, new ListingImport(db, new DesignatedCounties(db, TimeProvider.System), TimeProvider.System), supplier.Id, own, foreign);
    }

    [Fact]
    public async Task AllOrNothingAppliesNoRowWhenOneIsRefused()
    {
        var (database, import, supplierId, own, _) = await ArrangeAsync();
        await using var _ = database;
        var result = await import.ImportAsync(supplierId, Table(Row(), Row(code: own.Code, stock: "7"), Row(moq: "")), ListingImport.Mode.AllOrNothing, english: false);
        Assert.False(result.Applied);
        Assert.Equal(4, Assert.Single(result.Refused).Line);
        database.Db.ChangeTracker.Clear();
        Assert.Equal(1, await database.Db.Listings.CountAsync(l => l.SupplierId == supplierId));
        Assert.Equal(100, (await database.Db.Listings.SingleAsync(l => l.Id == own.Id)).Stock);
    }

    [Fact]
    public async Task ValidRowsOnlyAppliesTheValidRowsInOneGoAndRaisesTheRevisionOfChangedListings()
    {
        var (database, import, supplierId, own, _) = await ArrangeAsync();
        await using var _ = database;
        var revision = own.Revision;
        var result = await import.ImportAsync(supplierId, Table(Row(title: "新莓茶 100g"), Row(code: own.Code, stock: "7"), Row(moq: "")), ListingImport.Mode.ValidRowsOnly, english: false);
        Assert.True(result.Applied);
        Assert.Equal((1, 1, 1), (result.Created, result.Updated, result.Refused.Count));

        database.Db.ChangeTracker.Clear();
        var created = await database.Db.Listings.SingleAsync(l => l.Title == "新莓茶 100g");
        Assert.Equal((ListingStatus.Draft, supplierId), (created.Status, created.SupplierId));
        Assert.Contains(created.Code.ToLowerInvariant(), created.SearchText);
        var updated = await database.Db.Listings.SingleAsync(l => l.Id == own.Id);
        Assert.Equal((7, revision + 1, ListingStatus.Published), (updated.Stock, updated.Revision, updated.Status));
    }

    [Fact]
    public async Task AnotherSuppliersCodeOrTheSameCodeTwiceIsRefused()
    {
        var (database, import, supplierId, own, foreign) = await ArrangeAsync();
        await using var _ = database;
        var result = await import.ImportAsync(supplierId, Table(Row(code: foreign.Code, stock: "1"), Row(code: own.Code), Row(code: own.Code.ToLowerInvariant())), ListingImport.Mode.ValidRowsOnly, english: false);
        Assert.Equal("NotYours", result.Refused.Single(r => r.Line == 2).Problems[0].Code);
        Assert.Equal("Duplicate", result.Refused.Single(r => r.Line == 4).Problems[0].Code);
        Assert.Equal(1, result.Updated);
        database.Db.ChangeTracker.Clear();
        Assert.Equal(100, (await database.Db.Listings.SingleAsync(l => l.Id == foreign.Id)).Stock);
    }

    [Fact]
    public async Task ExportWritesRowsThatImportReadsBackUnchanged()
    {
        var (database, import, supplierId, own, _) = await ArrangeAsync();
        await using var _ = database;
        var revision = own.Revision;
        var rows = await ListingTable.ExportAsync(database.Db, supplierId);
        var row = Assert.Single(rows);
        Assert.Equal(own.Code, row[0]);
        Assert.Equal("10:68.00; 50:64.60", row[7]);
        var table = new TableData(ListingTable.Headers(false).ToArray(), [new TableRow(2, row.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList())]);
        var result = await import.ImportAsync(supplierId, table, ListingImport.Mode.AllOrNothing, english: false);
        Assert.True(result.Applied);
        database.Db.ChangeTracker.Clear();
        Assert.Equal(revision, (await database.Db.Listings.SingleAsync(l => l.Id == own.Id)).Revision);
    }
}
