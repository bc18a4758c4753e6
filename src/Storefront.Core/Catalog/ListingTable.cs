using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Tables;

namespace Storefront.Core.Catalog;

/// <summary>
/// The columns of the listings table suppliers export, edit in a spreadsheet and import again. Headers are written in
/// the person's language and read in either. Tiers are one cell: "10:68.00; 50:64.60" (quantity:yuan, by quantity).
/// </summary>
public static class ListingTable
{
    public sealed record Column(string Chinese, string English)
    {
        public string Header(bool english) => english ? English : Chinese;
        public int IndexIn(TableData table) => table.Column(Chinese, English);
    }

    public static readonly Column Code = new("商品编码", "Code");
    public static readonly Column Title = new("标题", "Title");
    public static readonly Column Category = new("品类编码", "Category code");
    public static readonly Column OriginCounty = new("产地县代码", "Origin county code");
    public static readonly Column Unit = new("单位", "Unit");
    public static readonly Column Spec = new("规格", "Spec");
    public static readonly Column MinOrderQuantity = new("起订量", "Minimum order");
    public static readonly Column Tiers = new("阶梯价格", "Price tiers");
    public static readonly Column Stock = new("库存", "Stock");
    public static readonly Column LeadTimeDays = new("发货天数", "Lead time days");
    public static readonly Column CertificationNo = new("认定编号", "Certification no.");
    public static readonly Column Description = new("商品详情", "Description");
    /// <summary>Exported for reference; an import leaves the status alone (publishing is a decision of its own).</summary>
    public static readonly Column Status = new("状态", "Status");

    /// <summary>The columns an import needs; the code may be empty (a new listing) and the status is not read.</summary>
    public static readonly Column[] Required = [Code, Title, Category, OriginCounty, Unit, Spec, MinOrderQuantity, Tiers, Stock, LeadTimeDays, CertificationNo, Description];
    public static readonly Column[] All = [.. Required, Status];

    public static IReadOnlyList<string> Headers(bool english) => All.Select(c => c.Header(english)).ToList();

    public static string FormatTiers(IEnumerable<PriceTier> tiers) =>
        string.Join("; ", tiers.Select(t => $"{t.MinQuantity.ToString(CultureInfo.InvariantCulture)}:{Fen.ToYuanText(t.UnitPriceFen)}"));

    /// <summary>Reads "10:68; 50:64.6" (also with full-width ：；, or | and line breaks between tiers); null when unreadable.</summary>
    public static IReadOnlyList<PriceTier>? ParseTiers(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tiers = new List<PriceTier>();
        foreach (var part in text.Split([';', '；', '|', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split([':', '：'], StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)) return null;
            if (Fen.ParseYuan(pair[1]) is not { } price) return null;
            tiers.Add(new PriceTier(quantity, price));
        }
        return tiers.Count == 0 ? null : tiers;
    }

    /// <summary>One row per listing of the supplier (deleted ones left out), in the order of <see cref="All"/>.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<object?>>> ExportAsync(StorefrontDbContext db, int supplierId, CancellationToken ct = default)
    {
        var listings = await db.Listings.AsNoTracking()
            .Where(l => l.SupplierId == supplierId && l.Status != ListingStatus.Deleted)
            .OrderBy(l => l.Id)
            .Select(l => new
            {
                l.Id, l.Title, CategoryCode = l.Category.Code, l.OriginCountyCode, l.Unit, l.Spec, l.MinOrderQuantity,
                Tiers = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => new PriceTier(t.MinQuantity, t.UnitPriceFen)).ToList(),
                l.Stock, l.LeadTimeDays, l.CertificationNo, l.Description, l.Status,
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return listings.Select(l => (IReadOnlyList<object?>)
        [
            Listing.CodeOf(l.Id), l.Title, l.CategoryCode, l.OriginCountyCode, l.Unit, l.Spec, l.MinOrderQuantity,
            FormatTiers(l.Tiers), l.Stock, l.LeadTimeDays, l.CertificationNo ?? "", l.Description, l.Status,
        ]).ToList();
    }

    /// <summary>An example row for the template: a new listing (empty code) filled in as a supplier would.</summary>
    public static IReadOnlyList<object?> ExampleRow() =>
        ["", "永顺莓茶 250g", "0503", "433127", "盒", "250g/盒", 10, "10:68.00; 50:64.60; 200:61.20", 1200, 2, "HN-2020-0001234", "永顺高山野生莓茶嫩芽。", ""];
}
