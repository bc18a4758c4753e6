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
/// index in memory (<see cref="CatalogIndex"/>), the search terms found through its postings of characters and
/// character pairs (<see cref="CatalogIndex.Postings"/>); a page then reads its 24 cards.
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
            && db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == l.OriginCountyCode));

    public Task<CatalogIndex> IndexAsync(CancellationToken ct = default) => indexes.CurrentAsync(db, Visible, ct);

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, bool english, CancellationToken ct = default) =>
        await SearchAsync(await IndexAsync(ct), query, english, ct);

    /// <summary>The search over an index already read, so that a page keyed by the index's stamp shows that index.</summary>
    public async Task<CatalogPage> SearchAsync(CatalogIndex index, CatalogQuery query, bool english, CancellationToken ct = default)
    {
        var terms = SearchTextNormalizer.Terms(query.Text);
        // The whole catalog, unfiltered, is what most visitors see first: it is worked out once per stamp.
        var everything = terms.Count == 0 && query is
            { CategoryId: null, ProvinceCode: null, PrefectureCode: null, CountyCode: null, SupplierId: null, MinPriceFen: null, MaxPriceFen: null };
        var tally = everything
            ? (Tally)index.Memo.GetOrAdd("everything", _ => Count(index, null, query))
            : Count(index, terms.Count == 0 ? null : Containing(index, terms), query);
        var facets = everything
            ? (CatalogFacets)index.Memo.GetOrAdd(english ? "facets:en" : "facets:zh", _ => Facets(index, tally, english))
            : Facets(index, tally, english);

        var total = tally.Results.Count;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var ids = Page(index, tally, query.Sort, terms, (page - 1) * PageSize).ConvertAll(p => index.Entries[p].Id);
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

    private static Tally Count(CatalogIndex index, int[]? matching, CatalogQuery query)
    {
        var tally = new Tally([], matching is null, new int[index.CategorySlots], new int[index.Provinces.Length], new int[index.Counties.Length],
            new int[index.SupplierSlots], new int[PriceBands.Length]);
        // The filters as small numbers, worked out once: the loop below runs for every match, so it compares integers only.
        var category = query.CategoryId ?? -1;
        // A province with no listing in the index matches none (-2); -1 is "no filter".
        var province = query.ProvinceCode is not { } provinceCode ? -1
            : Array.FindIndex(index.Provinces, p => p.Code == provinceCode) is var found and >= 0 ? found : -2;
        // The county facet offers the counties of the chosen prefecture, so it leaves both filters out.
        bool[]? countyChosen = null;
        if (query.PrefectureCode is not null || query.CountyCode is not null)
        {
            countyChosen = new bool[index.Counties.Length];
            for (var c = 0; c < countyChosen.Length; c++)
                countyChosen[c] = (query.PrefectureCode is not { } prefecture || index.Counties[c].PrefectureCode == prefecture)
                    && (query.CountyCode is not { } code || index.Counties[c].Code == code);
        }
        var supplier = query.SupplierId ?? -1;
        var min = query.MinPriceFen ?? long.MinValue;
        var max = query.MaxPriceFen ?? long.MaxValue;
        var entries = index.Entries;
        var provinceOfCounty = index.ProvinceOfCounty;
        var count = matching?.Length ?? entries.Length;
        for (var i = 0; i < count; i++)
        {
            var position = matching is null ? i : matching[i];
            ref readonly var entry = ref entries[position];
            var inCategory = category == -1 || entry.CategoryId == category;
            var inProvince = province == -1 || provinceOfCounty[entry.County] == province;
            var inCounty = countyChosen is null || countyChosen[entry.County];
            var inSupplier = supplier == -1 || entry.SupplierId == supplier;
            var inPrice = entry.BasePriceFen >= min && entry.BasePriceFen < max;
            if (inProvince && inCounty && inSupplier && inPrice) tally.Categories[entry.CategoryId]++;
            if (inCategory && inCounty && inSupplier && inPrice) tally.Provinces[provinceOfCounty[entry.County]]++;
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
    /// The positions in the index of the listings whose search text contains every term, newest first. A term of one or
    /// two characters is exactly its posting; a longer one needs its pairs' postings (at most
    /// <see cref="SearchGrams.MaxGramsPerTerm"/>) and is then checked against the text, since pairs found apart do not
    /// make the term. The postings are intersected smallest first, so the work follows the rarest gram.
    /// </summary>
    private static int[] Containing(CatalogIndex index, IReadOnlyList<string> terms)
    {
        var postings = new List<int[]>();
        var check = new List<string>();
        foreach (var term in terms)
        {
            if (term.Length <= 2) { postings.Add(index.Postings(term)); continue; }
            foreach (var gram in SearchGrams.OfTerm(term))
                postings.Add(index.Postings([(char)(gram >>> 16), (char)gram]));
            check.Add(term);
        }
        postings.Sort((a, b) => a.Length.CompareTo(b.Length));
        var found = postings[0];
        var count = found.Length;
        if (postings.Count > 1)
        {
            found = (int[])found.Clone();
            for (var p = 1; p < postings.Count && count > 0; p++) count = Intersect(found, count, postings[p]);
        }
        if (check.Count > 0)
        {
            if (ReferenceEquals(found, postings[0])) found = (int[])found.Clone();
            var kept = 0;
            for (var i = 0; i < count; i++)
            {
                var text = index.Entries[found[i]].SearchText;
                var all = true;
                foreach (var term in check)
                    if (!text.Contains(term, StringComparison.Ordinal)) { all = false; break; }
                if (all) found[kept++] = found[i];
            }
            count = kept;
        }
        return count == found.Length ? found : found[..count];
    }

    /// <summary>Keeps in the first <paramref name="count"/> of <paramref name="into"/> those also in <paramref name="other"/> (both ascending).</summary>
    private static int Intersect(int[] into, int count, int[] other)
    {
        int kept = 0, j = 0;
        for (var i = 0; i < count && j < other.Length; i++)
        {
            var value = into[i];
            while (j < other.Length && other[j] < value) j++;
            if (j < other.Length && other[j] == value) into[kept++] = value;
        }
        return kept;
    }

    /// <summary>One page of a tally in the order asked: newest needs no sorting, prices come presorted in the index.</summary>
    private static List<int> Page(CatalogIndex index, Tally tally, CatalogSort sort, IReadOnlyList<string> terms, int skip)
    {
        var page = new List<int>(PageSize);
        var results = tally.Results;
        switch (sort)
        {
            case CatalogSort.PriceAscending or CatalogSort.PriceDescending:
                var order = sort == CatalogSort.PriceAscending ? index.ByPrice : index.ByPriceDescending;
                if (tally.All)
                {
                    for (var i = skip; i < order.Length && page.Count < PageSize; i++) page.Add(order[i]);
                    return page;
                }
                var member = new ulong[(index.Entries.Length + 63) / 64];
                foreach (var position in results) member[position >> 6] |= 1UL << position;
                foreach (var position in order)
                {
                    if ((member[position >> 6] & (1UL << position)) == 0) continue;
                    if (skip > 0) { skip--; continue; }
                    page.Add(position);
                    if (page.Count == PageSize) break;
                }
                return page;
            // The search text begins with the title, so a term found early is a term in the title: those rank first.
            // Ranks are small (where the first term starts), so a counting sort orders the matches, stable on position.
            case CatalogSort.Relevance when terms.Count > 0:
                if (skip >= results.Count) return page;
                var rank = new int[results.Count];
                var highest = 0;
                for (var i = 0; i < rank.Length; i++)
                    highest = Math.Max(highest, rank[i] = index.Entries[results[i]].SearchText.IndexOf(terms[0], StringComparison.Ordinal));
                var before = new int[highest + 2];
                foreach (var r in rank) before[r + 1]++;
                for (var r = 1; r < before.Length; r++) before[r] += before[r - 1];
                var sorted = new int[Math.Min(results.Count, skip + PageSize)];
                for (var i = 0; i < rank.Length; i++)
                {
                    var at = before[rank[i]]++;
                    if (at < sorted.Length) sorted[at] = results[i];
                }
                for (var i = skip; i < sorted.Length; i++) page.Add(sorted[i]);
                return page;
            default:
                for (var i = skip; i < results.Count && page.Count < PageSize; i++) page.Add(results[i]);
                return page;
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
        // One photo per zone: the main photo of its newest listing, all fetched in one query, unless an admin chose one.
        var photoOf = byCategory.Select(c => c.Newest).Concat(prefectures.Select(p => p.Max(c => c.Newest))).Distinct().ToList();
        var photos = await db.ListingPhotos.AsNoTracking()
            .Where(p => photoOf.Contains(p.ListingId) && p.Position == 0)
            .Select(p => new { p.ListingId, Photo = new ZonePhoto(p.ContentHash, p.Width, p.Height) })
            .ToDictionaryAsync(p => p.ListingId, p => p.Photo, ct);

        // An admin's choice comes first (ZonePictures); without one, the newest listing's photo.
        var chosen = await db.ZonePictures.AsNoTracking()
            .ToDictionaryAsync(z => (z.Kind, z.ZoneKey), z => new ZonePhoto(z.ContentHash, z.Width, z.Height), ct);
        var categories = byCategory.OrderBy(c => c.SortOrder)
            .Select(c => new CategoryZone(c.Slug, c.Name, c.NameEn, c.Count,
                chosen.GetValueOrDefault((ZoneKind.Category, c.Slug)) ?? photos.GetValueOrDefault(c.Newest)))
            .ToList();
        var origins = prefectures
            .Select(p => new
            {
                p.Key.ProvinceCode,
                p.Key.ProvinceName,
                Zone = new PrefectureZone(p.Key.Code, p.Key.Name, p.Sum(c => c.Count),
                    chosen.GetValueOrDefault((ZoneKind.Region, p.Key.Code)) ?? photos.GetValueOrDefault(p.Max(c => c.Newest)),
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
