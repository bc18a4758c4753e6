using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

namespace Storefront.Core.Catalog;

public enum CatalogSort { Relevance, PriceAscending, PriceDescending, Newest }

/// <summary>What a catalog URL asks for; every field may be absent.</summary>
public sealed record CatalogQuery(
    string? Text = null,
    int? CategoryId = null,
    string? ProvinceCode = null,
    string? PrefectureCode = null,
    string? CountyCode = null,
    int? SupplierId = null,
    long? MinPriceFen = null,
    long? MaxPriceFen = null,
    CatalogSort Sort = CatalogSort.Relevance,
    int Page = 1);

public sealed record CatalogCard(
    int Id, string Title, string Spec, string Unit, long BasePriceFen, long LowestPriceFen, int MinOrderQuantity, int Stock,
    string CountyName, string ProvinceName, string SupplierName, string? PhotoHash, int PhotoWidth, int PhotoHeight);

public sealed record FacetValue(string Key, string Label, int Count);

public sealed record CatalogFacets(
    IReadOnlyList<FacetValue> Categories,
    IReadOnlyList<FacetValue> Provinces,
    IReadOnlyList<FacetValue> Counties,
    IReadOnlyList<FacetValue> Suppliers,
    IReadOnlyList<FacetValue> PriceRanges);

public sealed record ZonePhoto(string Hash, int Width, int Height);

public sealed record CategoryZone(string Slug, string Name, string NameEn, int Count, ZonePhoto? Photo);

public sealed record PrefectureZone(string Code, string Name, int Count, ZonePhoto? Photo, IReadOnlyList<FacetValue> Counties);

public sealed record OriginZone(string ProvinceCode, string ProvinceName, int Count, IReadOnlyList<PrefectureZone> Prefectures);

public sealed record CatalogPage(IReadOnlyList<CatalogCard> Cards, int Total, int Page, int PageCount, CatalogFacets Facets);

/// <summary>
/// The catalog: published listings of verified suppliers from designated counties, searched by substring (Chinese has
/// no spaces to split words on), filtered, faceted and sorted. Facet counts leave out their own filter, so a person
/// can see how many listings another choice in the same facet would give.
/// </summary>
public sealed class CatalogSearch(StorefrontDbContext db)
{
    public const int PageSize = 24;

    /// <summary>Price bands in fen for the price facet, [from, to); the facet query groups by the same bounds.</summary>
    public static readonly (string Key, long From, long? To)[] PriceBands =
    [
        ("0-20", 0, 2000), ("20-50", 2000, 5000), ("50-100", 5000, 10000),
        ("100-200", 10000, 20000), ("200-500", 20000, 50000), ("500-", 50000, null),
    ];

    /// <summary>What any visitor may see: the one definition of "in the catalog".</summary>
    public IQueryable<Listing> Visible() =>
        db.Listings.AsNoTracking().Where(l =>
            l.Status == ListingStatus.Published
            && l.Supplier.Status == VerificationStatus.Verified
            && db.DesignatedCounties.Any(c => c.CountyCode == l.OriginCountyCode));

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, bool english, CancellationToken ct = default)
    {
        var terms = SearchTextNormalizer.Terms(query.Text);
        var matching = Visible();
        foreach (var term in terms) matching = Containing(matching, term);

        var filtered = ApplyFilters(matching, query, except: null);
        var total = await filtered.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var ordered = Order(filtered, query.Sort, terms);
        var cards = await ordered
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(l => new CatalogCard(
                l.Id, l.Title, l.Spec, l.Unit, l.BasePriceFen, l.LowestPriceFen, l.MinOrderQuantity, l.Stock,
                l.OriginCounty.Name, l.OriginCounty.ProvinceName, l.Supplier.Name,
                l.Photos.OrderBy(p => p.Position).Select(p => p.ContentHash).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Width).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Height).FirstOrDefault()))
            .ToListAsync(ct);

        var facets = await FacetsAsync(matching, query, english, ct);
        return new CatalogPage(cards, total, page, pageCount, facets);
    }

    /// <summary>The listings whose search text contains the term, found through the grams' index (see <see cref="SearchGrams"/>).</summary>
    private IQueryable<Listing> Containing(IQueryable<Listing> listings, string term)
    {
        var query = SearchGrams.For(term);
        if (query.Range is var (from, to))
            listings = listings.Where(l => db.ListingSearchGrams.Where(g => g.Gram >= from && g.Gram <= to).Select(g => g.ListingId).Contains(l.Id));
        foreach (var gram in query.Grams)
            listings = listings.Where(l => db.ListingSearchGrams.Where(g => g.Gram == gram).Select(g => g.ListingId).Contains(l.Id));
        if (query.NeedsTextCheck) listings = listings.Where(l => l.SearchText.Contains(term));
        return listings;
    }

    private static IOrderedQueryable<Listing> Order(IQueryable<Listing> listings, CatalogSort sort, IReadOnlyList<string> terms) => sort switch
    {
        CatalogSort.PriceAscending => listings.OrderBy(l => l.BasePriceFen).ThenBy(l => l.Id),
        CatalogSort.PriceDescending => listings.OrderByDescending(l => l.BasePriceFen).ThenBy(l => l.Id),
        CatalogSort.Newest => listings.OrderByDescending(l => l.PublishedAtUtc).ThenByDescending(l => l.Id),
        // The search text begins with the title, so a term found early is a term in the title: those rank first.
        _ when terms.Count > 0 => listings.OrderBy(l => l.SearchText.IndexOf(terms[0])).ThenByDescending(l => l.PublishedAtUtc).ThenByDescending(l => l.Id),
        _ => listings.OrderByDescending(l => l.PublishedAtUtc).ThenByDescending(l => l.Id),
    };

    private enum Facet { Category, Province, County, Supplier, Price }

    private static IQueryable<Listing> ApplyFilters(IQueryable<Listing> listings, CatalogQuery q, Facet? except)
    {
        if (q.CategoryId is { } category && except != Facet.Category) listings = listings.Where(l => l.CategoryId == category);
        if (q.ProvinceCode is { } province && except != Facet.Province) listings = listings.Where(l => l.OriginCounty.ProvinceCode == province);
        if (q.PrefectureCode is { } prefecture && except != Facet.County) listings = listings.Where(l => l.OriginCounty.PrefectureCode == prefecture);
        if (q.CountyCode is { } county && except != Facet.County) listings = listings.Where(l => l.OriginCountyCode == county);
        if (q.SupplierId is { } supplier && except != Facet.Supplier) listings = listings.Where(l => l.SupplierId == supplier);
        if (except != Facet.Price)
        {
            if (q.MinPriceFen is { } min) listings = listings.Where(l => l.BasePriceFen >= min);
            if (q.MaxPriceFen is { } max) listings = listings.Where(l => l.BasePriceFen < max);
        }
        return listings;
    }

    private async Task<CatalogFacets> FacetsAsync(IQueryable<Listing> matching, CatalogQuery q, bool english, CancellationToken ct)
    {
        var categoryRows = await ApplyFilters(matching, q, Facet.Category)
            .GroupBy(l => new { l.CategoryId, l.Category.Name, l.Category.NameEn, l.Category.Slug, l.Category.SortOrder })
            .Select(g => new { g.Key.Slug, g.Key.Name, g.Key.NameEn, g.Key.SortOrder, Count = g.Count() })
            .ToListAsync(ct);
        var provinceRows = await ApplyFilters(matching, q, Facet.Province)
            .GroupBy(l => new { l.OriginCounty.ProvinceCode, l.OriginCounty.ProvinceName })
            .Select(g => new { g.Key.ProvinceCode, g.Key.ProvinceName, Count = g.Count() })
            .ToListAsync(ct);
        var countyRows = await ApplyFilters(matching, q, Facet.County)
            .GroupBy(l => new { l.OriginCountyCode, l.OriginCounty.Name })
            .Select(g => new { g.Key.OriginCountyCode, g.Key.Name, Count = g.Count() })
            .ToListAsync(ct);
        var supplierRows = await ApplyFilters(matching, q, Facet.Supplier)
            .GroupBy(l => new { l.SupplierId, l.Supplier.Name })
            .Select(g => new { g.Key.SupplierId, g.Key.Name, Count = g.Count() })
            .ToListAsync(ct);
        var bandRows = await ApplyFilters(matching, q, Facet.Price)
            .GroupBy(l => l.BasePriceFen < 2000 ? 0 : l.BasePriceFen < 5000 ? 1 : l.BasePriceFen < 10000 ? 2
                : l.BasePriceFen < 20000 ? 3 : l.BasePriceFen < 50000 ? 4 : 5)
            .Select(g => new { Band = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        return new CatalogFacets(
            categoryRows.OrderBy(r => r.SortOrder).Select(r => new FacetValue(r.Slug, english ? r.NameEn : r.Name, r.Count)).ToList(),
            provinceRows.OrderByDescending(r => r.Count).ThenBy(r => r.ProvinceCode).Select(r => new FacetValue(r.ProvinceCode, r.ProvinceName, r.Count)).ToList(),
            countyRows.OrderByDescending(r => r.Count).ThenBy(r => r.OriginCountyCode).Select(r => new FacetValue(r.OriginCountyCode, r.Name, r.Count)).ToList(),
            supplierRows.OrderByDescending(r => r.Count).ThenBy(r => r.SupplierId).Select(r => new FacetValue(r.SupplierId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.Count)).ToList(),
            bandRows.OrderBy(r => r.Band).Select(r => new FacetValue(PriceBands[r.Band].Key, PriceBands[r.Band].Key, r.Count)).ToList());
    }

    /// <summary>
    /// The home page's zones (专区): each category, and each province of origin divided into its prefectures
    /// (湘西州, 怀化, 张家界 ...), with counts and a photo. Counties administered directly by a province form a zone of
    /// their own under the province's name.
    /// </summary>
    public async Task<(IReadOnlyList<CategoryZone> Categories, IReadOnlyList<OriginZone> Origins)> ZonesAsync(CancellationToken ct = default)
    {
        var byCategory = await Visible()
            .GroupBy(l => new { l.Category.Slug, l.Category.Name, l.Category.NameEn, l.Category.SortOrder })
            .Select(g => new { g.Key.Slug, g.Key.Name, g.Key.NameEn, g.Key.SortOrder, Count = g.Count(), Newest = g.Max(l => l.Id) })
            .ToListAsync(ct);
        var byCounty = await Visible()
            .GroupBy(l => new { l.OriginCounty.ProvinceCode, l.OriginCounty.ProvinceName, l.OriginCounty.PrefectureCode, l.OriginCounty.PrefectureName, l.OriginCountyCode, l.OriginCounty.Name })
            .Select(g => new { g.Key.ProvinceCode, g.Key.ProvinceName, g.Key.PrefectureCode, g.Key.PrefectureName, g.Key.OriginCountyCode, g.Key.Name, Count = g.Count(), Newest = g.Max(l => l.Id) })
            .ToListAsync(ct);

        var prefectures = byCounty.GroupBy(c => new { c.ProvinceCode, c.ProvinceName, Code = c.PrefectureCode ?? c.ProvinceCode, Name = c.PrefectureName ?? c.ProvinceName }).ToList();
        // One photo per zone: the main photo of its newest listing, all fetched in one query.
        var photoOf = byCategory.Select(c => c.Newest).Concat(prefectures.Select(p => p.Max(c => c.Newest))).Distinct().ToList();
        var photos = await db.ListingPhotos.AsNoTracking()
            .Where(p => photoOf.Contains(p.ListingId) && p.Position == 0)
            .Select(p => new { p.ListingId, Photo = new ZonePhoto(p.ContentHash, p.Width, p.Height) })
            .ToDictionaryAsync(p => p.ListingId, p => p.Photo, ct);

        var categories = byCategory.OrderBy(c => c.SortOrder)
            .Select(c => new CategoryZone(c.Slug, c.Name, c.NameEn, c.Count, photos.GetValueOrDefault(c.Newest)))
            .ToList();
        var origins = prefectures
            .Select(p => new
            {
                p.Key.ProvinceCode,
                p.Key.ProvinceName,
                Zone = new PrefectureZone(p.Key.Code, p.Key.Name, p.Sum(c => c.Count), photos.GetValueOrDefault(p.Max(c => c.Newest)),
                    p.OrderByDescending(c => c.Count).ThenBy(c => c.OriginCountyCode).Select(c => new FacetValue(c.OriginCountyCode, c.Name, c.Count)).ToList()),
            })
            .GroupBy(p => new { p.ProvinceCode, p.ProvinceName })
            .Select(g => new OriginZone(g.Key.ProvinceCode, g.Key.ProvinceName, g.Sum(p => p.Zone.Count),
                g.Select(p => p.Zone).OrderByDescending(z => z.Count).ThenBy(z => z.Code).ToList()))
            .OrderByDescending(o => o.Count)
            .ToList();
        return (categories, origins);
    }
}
