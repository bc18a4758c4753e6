using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;

namespace Storefront.Core.Catalog;

/// <summary>
/// What the catalog's lists need of every listing in the catalog, kept in memory: its category, county, supplier,
/// price, publication and search text (about 200 bytes a listing), newest first, with the price orders made once.
/// Counting facets, filtering, sorting and checking search terms over 100,000 listings take a few milliseconds here,
/// against seven grouped queries over the database. An index belongs to one catalog stamp (<see cref="CatalogVersion"/>):
/// whichever instance changes the catalog gives it a new stamp, and every instance builds its index again before the
/// next search, so it is safe to lose and never older than the stamp it was checked against.
/// </summary>
public sealed class CatalogIndex
{
    public readonly record struct Entry(int Id, int CategoryId, int County, int SupplierId, long BasePriceFen, long PublishedTicks, string SearchText);

    public sealed record CategoryInfo(int Id, string Slug, string Name, string NameEn, int SortOrder);

    public sealed record CountyInfo(string Code, string Name, string ProvinceCode, string ProvinceName, string? PrefectureCode, string? PrefectureName);

    private readonly Dictionary<int, int> _positionById;
    private readonly Lazy<int[]> _byPrice;
    private readonly Lazy<int[]> _byPriceDescending;

    private CatalogIndex(long stamp, Entry[] entries, CountyInfo[] counties, IReadOnlyDictionary<int, CategoryInfo> categories, IReadOnlyDictionary<int, string> suppliers)
    {
        Stamp = stamp;
        Entries = entries;
        Counties = counties;
        Categories = categories;
        Suppliers = suppliers;
        _positionById = new Dictionary<int, int>(entries.Length);
        for (var i = 0; i < entries.Length; i++) _positionById[entries[i].Id] = i;
        Provinces = counties.Select(c => (c.ProvinceCode, c.ProvinceName)).Distinct().OrderBy(p => p.ProvinceCode, StringComparer.Ordinal).ToArray();
        ProvinceOfCounty = counties.Select(c => Array.FindIndex(Provinces, p => p.Code == c.ProvinceCode)).ToArray();
        CategorySlots = categories.Count == 0 ? 1 : categories.Keys.Max() + 1;
        SupplierSlots = entries.Length == 0 ? 1 : entries.Max(e => e.SupplierId) + 1;
        _byPrice = new(() => Enumerable.Range(0, entries.Length).OrderBy(p => entries[p].BasePriceFen).ThenBy(p => entries[p].Id).ToArray());
        _byPriceDescending = new(() => Enumerable.Range(0, entries.Length).OrderByDescending(p => entries[p].BasePriceFen).ThenBy(p => entries[p].Id).ToArray());
    }

    public long Stamp { get; }
    /// <summary>Newest first (published, then id): the catalog's own order, so that order needs no sorting.</summary>
    public Entry[] Entries { get; }
    public CountyInfo[] Counties { get; }
    public (string Code, string Name)[] Provinces { get; }
    public int[] ProvinceOfCounty { get; }
    public IReadOnlyDictionary<int, CategoryInfo> Categories { get; }
    public IReadOnlyDictionary<int, string> Suppliers { get; }
    public int CategorySlots { get; }
    public int SupplierSlots { get; }
    /// <summary>Positions by price, cheapest first (ties by id), and dearest first (ties by id).</summary>
    public int[] ByPrice => _byPrice.Value;
    public int[] ByPriceDescending => _byPriceDescending.Value;

    /// <summary>Whatever is worked out once for all visitors of this stamp (the unfiltered catalog, the home page's zones).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> Memo { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int[]> _postings = new();
    private long _postingsKept;

    /// <summary>
    /// The positions, ascending (newest first), of the listings whose search text holds a gram: one character, or two
    /// neighbouring ones (see <see cref="SearchGrams"/>). Each is found once per stamp by one pass over the texts (a
    /// few milliseconds) and kept, up to about sixteen postings of the whole catalog in all, so that a search then only
    /// intersects sorted arrays. An empty or spaced gram is never asked for: terms hold no space.
    /// </summary>
    public int[] Postings(ReadOnlySpan<char> gram)
    {
        var key = gram.Length == 1 ? gram[0] : SearchGrams.Pair(gram[0], gram[1]);
        if (_postings.TryGetValue(key, out var kept)) return kept;
        var found = new List<int>();
        for (var position = 0; position < Entries.Length; position++)
            if (Entries[position].SearchText.AsSpan().IndexOf(gram, StringComparison.Ordinal) >= 0) found.Add(position);
        var postings = found.ToArray();
        if (Interlocked.Add(ref _postingsKept, postings.Length + 16) <= 16L * (Entries.Length + 64)) _postings.TryAdd(key, postings);
        return postings;
    }

    /// <summary>The position of a listing in <see cref="Entries"/>; false when it is not in the catalog.</summary>
    public bool TryFind(int listingId, out int position) => _positionById.TryGetValue(listingId, out position);

    /// <summary>Reads the catalog as it is now; the caller has read the stamp before, so the index is at least that fresh.</summary>
    public static async Task<CatalogIndex> BuildAsync(StorefrontDbContext db, long stamp, IQueryable<Listing> visible, CancellationToken ct)
    {
        var rows = await visible
            .Select(l => new { l.Id, l.CategoryId, l.OriginCountyCode, l.SupplierId, l.BasePriceFen, l.PublishedAtUtc, l.SearchText })
            .ToListAsync(ct);
        var counties = await db.DesignatedCounties.AsNoTracking().Current()
            .Select(c => new CountyInfo(c.County.Code, c.County.Name, c.County.ProvinceCode, c.County.ProvinceName, c.County.PrefectureCode, c.County.PrefectureName))
            .ToArrayAsync(ct);
        var categories = await db.Categories.AsNoTracking()
            .Select(c => new CategoryInfo(c.Id, c.Slug, c.Name, c.NameEn, c.SortOrder))
            .ToDictionaryAsync(c => c.Id, ct);
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => s.Status == VerificationStatus.Verified)
            .ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var countyByCode = counties.Select((c, i) => (c.Code, i)).ToDictionary(c => c.Code, c => c.i);
        var entries = rows
            .Where(r => countyByCode.ContainsKey(r.OriginCountyCode))
            .Select(r => new Entry(r.Id, r.CategoryId, countyByCode[r.OriginCountyCode], r.SupplierId, r.BasePriceFen,
                r.PublishedAtUtc?.Ticks ?? 0, r.SearchText))
            .OrderByDescending(e => e.PublishedTicks).ThenByDescending(e => e.Id)
            .ToArray();
        return new CatalogIndex(stamp, entries, counties, categories, suppliers);
    }
}

/// <summary>
/// The catalog index of this instance: built when the catalog's stamp has changed since it was made, by one request
/// while the others wait for it (building reads the whole catalog once, a few hundred milliseconds at 100,000 listings).
/// </summary>
public sealed class CatalogIndexes(CatalogStamp stamps)
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile CatalogIndex? _current;

    /// <summary>
    /// The index of the catalog's current stamp. <paramref name="visible"/> is asked for only when the index is built:
    /// most requests find it made, and composing the query alone costs them more than reading the stamp.
    /// </summary>
    public async Task<CatalogIndex> CurrentAsync(StorefrontDbContext db, Func<IQueryable<Listing>> visible, CancellationToken ct)
    {
        var stamp = await stamps.ReadAsync(ct);
        if (_current is { } current && current.Stamp == stamp) return current;
        await _building.WaitAsync(ct);
        try
        {
            // Read again under the lock: whoever built meanwhile may have built this very stamp, or a newer one.
            stamp = await stamps.ReadAsync(ct);
            if (_current is { } built && built.Stamp == stamp) return built;
            return _current = await CatalogIndex.BuildAsync(db, stamp, visible(), ct);
        }
        finally
        {
            _building.Release();
        }
    }
}
