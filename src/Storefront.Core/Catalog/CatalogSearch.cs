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
/// can see how many listings another choice in the same facet would give. The lists are worked out over the catalog
/// index in memory (<see cref="CatalogIndex"/>), the search terms found through the grams' index in the database
/// (<see cref="SearchGrams"/>); a page then reads its 24 cards.
/// </summary>
public sealed class CatalogSearch(StorefrontDbContext db, CatalogIndexes indexes)
{
    public const int PageSize = 24;

    /// <summary>Price bands in fen for the price facet, [from, to).</summary>
    public static readonly (string Key, long From, long? To)[] PriceBands =
    [
        ("0-20", 0, 2000), ("20-50", 2000, 5000), ("50-100", 5000, 10000),
        ("100-200", 10000, 20000), ("200-500", 20000, 50000), ("500-", 50000, null),
    ];

    /// <summary>What any visitor may see: the one definition of "in the catalog".</summary>
    public IQueryable<Listing> Visible() => Visible(db);

    public static IQueryable<Listing> Visible(StorefrontDbContext db) =>
        db.Listings.AsNoTracking().Where(l =>
            l.Status == ListingStatus.Published
            && l.Supplier.Status == VerificationStatus.Verified
            && db.DesignatedCounties.Any(c => c.CountyCode == l.OriginCountyCode));

    public Task<CatalogIndex> IndexAsync(CancellationToken ct = default) => indexes.CurrentAsync(db, Visible(), ct);

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, bool english, CancellationToken ct = default)
    {
        var index = await IndexAsync(ct);
        var terms = SearchTextNormalizer.Terms(query.Text);
        // The whole catalog, unfiltered, is what most visitors see first: it is worked out once per stamp.
        var everything = terms.Count == 0 && query is
            { CategoryId: null, ProvinceCode: null, PrefectureCode: null, CountyCode: null, SupplierId: null, MinPriceFen: null, MaxPriceFen: null };
        var tally = everything
            ? (Tally)index.Memo.GetOrAdd("everything", _ => Count(index, null, query))
            : Count(index, terms.Count == 0 ? null : await ContainingAsync(index, terms, ct), query);
        var facets = everything
            ? (CatalogFacets)index.Memo.GetOrAdd(english ? "facets:en" : "facets:zh", _ => Facets(index, tally, english))
            : Facets(index, tally, english);

        var total = tally.Results.Count;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var ids = Page(index, tally, query.Sort, terms, (page - 1) * PageSize).Select(p => index.Entries[p].Id).ToList();
        var found = await Visible()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new CatalogCard(
                l.Id, l.Title, l.Spec, l.Unit, l.BasePriceFen, l.LowestPriceFen, l.MinOrderQuantity, l.Stock,
                l.OriginCounty.Name, l.OriginCounty.ProvinceName, l.Supplier.Name,
                l.Photos.OrderBy(p => p.Position).Select(p => p.ContentHash).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Width).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Height).FirstOrDefault()))
            .ToDictionaryAsync(c => c.Id, ct);
        // A listing taken out of the catalog since the index was read simply drops off the page.
        var cards = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        return new CatalogPage(cards, total, page, pageCount, facets);
    }

    /// <summary>The listings a query gives (positions in the index, newest first) and what each facet's values would give.</summary>
    private sealed record Tally(List<int> Results, bool All, int[] Categories, int[] Provinces, int[] Counties, int[] Suppliers, int[] Bands);

    private static Tally Count(CatalogIndex index, List<int>? matching, CatalogQuery query)
    {
        var tally = new Tally([], matching is null, new int[index.CategorySlots], new int[index.Provinces.Length], new int[index.Counties.Length],
            new int[index.SupplierSlots], new int[PriceBands.Length]);
        var count = matching?.Count ?? index.Entries.Length;
        for (var i = 0; i < count; i++)
        {
            var position = matching?[i] ?? i;
            ref readonly var entry = ref index.Entries[position];
            var county = index.Counties[entry.County];
            var inCategory = query.CategoryId is not { } category || entry.CategoryId == category;
            var inProvince = query.ProvinceCode is not { } province || county.ProvinceCode == province;
            // The county facet offers the counties of the chosen prefecture, so it leaves both filters out.
            var inCounty = (query.PrefectureCode is not { } prefecture || county.PrefectureCode == prefecture)
                && (query.CountyCode is not { } code || county.Code == code);
            var inSupplier = query.SupplierId is not { } supplier || entry.SupplierId == supplier;
            var inPrice = (query.MinPriceFen is not { } min || entry.BasePriceFen >= min) && (query.MaxPriceFen is not { } max || entry.BasePriceFen < max);
            if (inProvince && inCounty && inSupplier && inPrice) tally.Categories[entry.CategoryId]++;
            if (inCategory && inCounty && inSupplier && inPrice) tally.Provinces[index.ProvinceOfCounty[entry.County]]++;
            if (inCategory && inProvince && inSupplier && inPrice) tally.Counties[entry.County]++;
            if (inCategory && inProvince && inCounty && inPrice) tally.Suppliers[entry.SupplierId]++;
            if (inCategory && inProvince && inCounty && inSupplier)
            {
                tally.Bands[BandOf(entry.BasePriceFen)]++;
                if (inPrice) tally.Results.Add(position);
            }
        }
        return tally with { All = tally.Results.Count == index.Entries.Length };
    }

    private static CatalogFacets Facets(CatalogIndex index, Tally tally, bool english) => new(
        index.Categories.Values.Where(c => c.Id < tally.Categories.Length && tally.Categories[c.Id] > 0).OrderBy(c => c.SortOrder)
            .Select(c => new FacetValue(c.Slug, english ? c.NameEn : c.Name, tally.Categories[c.Id])).ToList(),
        index.Provinces.Select((p, i) => (p.Code, p.Name, Count: tally.Provinces[i])).Where(p => p.Count > 0)
            .OrderByDescending(p => p.Count).ThenBy(p => p.Code, StringComparer.Ordinal).Select(p => new FacetValue(p.Code, p.Name, p.Count)).ToList(),
        index.Counties.Select((c, i) => (County: c, Count: tally.Counties[i])).Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count).ThenBy(c => c.County.Code, StringComparer.Ordinal).Select(c => new FacetValue(c.County.Code, c.County.Name, c.Count)).ToList(),
        tally.Suppliers.Select((count, id) => (Id: id, Count: count)).Where(s => s.Count > 0).OrderByDescending(s => s.Count).ThenBy(s => s.Id)
            .Select(s => new FacetValue(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), index.Suppliers.GetValueOrDefault(s.Id, ""), s.Count)).ToList(),
        tally.Bands.Select((count, band) => (Count: count, Band: band)).Where(b => b.Count > 0)
            .Select(b => new FacetValue(PriceBands[b.Band].Key, PriceBands[b.Band].Key, b.Count)).ToList());

    private static int BandOf(long priceFen)
    {
        for (var band = 0; band < PriceBands.Length - 1; band++)
            if (priceFen < PriceBands[band].To) return band;
        return PriceBands.Length - 1;
    }

    /// <summary>
    /// The positions in the index of the listings whose search text contains every term, newest first. The grams'
    /// index in the database gives the candidates in one query; each term is then checked against the text. Terms of
    /// one character, which have no gram, are looked for through the whole index.
    /// </summary>
    private async Task<List<int>> ContainingAsync(CatalogIndex index, IReadOnlyList<string> terms, CancellationToken ct)
    {
        bool Contains(int position)
        {
            var text = index.Entries[position].SearchText;
            foreach (var term in terms)
                if (!text.Contains(term, StringComparison.Ordinal)) return false;
            return true;
        }

        IQueryable<int>? candidates = null;
        foreach (var gram in terms.SelectMany(SearchGrams.OfTerm).Distinct())
        {
            var set = db.ListingSearchGrams.Where(g => g.Gram == gram).Select(g => g.ListingId);
            candidates = candidates is null ? set : candidates.Intersect(set);
        }
        if (candidates is null) return Enumerable.Range(0, index.Entries.Length).Where(Contains).ToList();
        var positions = new List<int>();
        foreach (var id in await candidates.ToListAsync(ct))
            if (index.TryFind(id, out var position) && Contains(position)) positions.Add(position);
        positions.Sort();
        return positions;
    }

    /// <summary>One page of a tally in the order asked: newest needs no sorting, prices come presorted in the index.</summary>
    private static IEnumerable<int> Page(CatalogIndex index, Tally tally, CatalogSort sort, IReadOnlyList<string> terms, int skip)
    {
        switch (sort)
        {
            case CatalogSort.PriceAscending or CatalogSort.PriceDescending:
                var order = sort == CatalogSort.PriceAscending ? index.ByPrice : index.ByPriceDescending;
                if (tally.All) return order.Skip(skip).Take(PageSize);
                var member = new bool[index.Entries.Length];
                foreach (var position in tally.Results) member[position] = true;
                return order.Where(p => member[p]).Skip(skip).Take(PageSize);
            // The search text begins with the title, so a term found early is a term in the title: those rank first.
            case CatalogSort.Relevance when terms.Count > 0:
                return tally.Results.OrderBy(p => index.Entries[p].SearchText.IndexOf(terms[0], StringComparison.Ordinal)).ThenBy(p => p)
                    .Skip(skip).Take(PageSize);
            default:
                return tally.Results.Skip(skip).Take(PageSize);
        }
    }

    /// <summary>
    /// The home page's zones (专区): each category, and each province of origin divided into its prefectures
    /// (湘西州, 怀化, 张家界 ...), with counts and a photo. Counties administered directly by a province form a zone of
    /// their own under the province's name.
    /// </summary>
    public async Task<(IReadOnlyList<CategoryZone> Categories, IReadOnlyList<OriginZone> Origins)> ZonesAsync(CancellationToken ct = default)
    {
        var index = await IndexAsync(ct);
        if (index.Memo.TryGetValue("zones", out var memo)) return ((IReadOnlyList<CategoryZone>, IReadOnlyList<OriginZone>))memo;
        var byCategory = index.Entries.GroupBy(e => e.CategoryId).Select(g =>
        {
            var c = index.Categories[g.Key];
            return new { c.Slug, c.Name, c.NameEn, c.SortOrder, Count = g.Count(), Newest = g.Max(e => e.Id) };
        }).ToList();
        var byCounty = index.Entries.GroupBy(e => e.County).Select(g =>
        {
            var c = index.Counties[g.Key];
            return new { c.ProvinceCode, c.ProvinceName, c.PrefectureCode, c.PrefectureName, OriginCountyCode = c.Code, c.Name, Count = g.Count(), Newest = g.Max(e => e.Id) };
        }).ToList();

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
        index.Memo.TryAdd("zones", ((IReadOnlyList<CategoryZone>)categories, (IReadOnlyList<OriginZone>)origins));
        return (categories, origins);
    }
}
