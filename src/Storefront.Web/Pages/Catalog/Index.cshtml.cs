using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;
using Storefront.Web.Localization;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Performance;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Catalog;

/// <summary>
/// The catalog: /catalog?q=莓茶&amp;category=tea&amp;province=430000&amp;prefecture=433100&amp;county=433127&amp;supplier=3&amp;min=20&amp;max=50&amp;sort=price-asc&amp;page=2.
/// Everything lives in the URL so that a search can be bookmarked and shared. A value that names nothing is
/// ignored and said so on the page, never an error.
/// </summary>
[OutputCache(PolicyName = Performance.CatalogOutputCache.PolicyName)]
[PublicPage]
[SharedWithSignedIn]
public class IndexModel(CatalogSearch search, StorefrontDbContext db, CatalogFragments fragments, CurrentActor actor, IAntiforgery antiforgery)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "province")] public string? Province { get; set; }
    [BindProperty(SupportsGet = true, Name = "prefecture")] public string? Prefecture { get; set; }
    [BindProperty(SupportsGet = true, Name = "county")] public string? County { get; set; }
    [BindProperty(SupportsGet = true, Name = "supplier")] public string? Supplier { get; set; }
    [BindProperty(SupportsGet = true, Name = "min")] public string? Min { get; set; }
    [BindProperty(SupportsGet = true, Name = "max")] public string? Max { get; set; }

    /// <summary>How many filters the URL sets (the price range counts once), for the closed drawer's label on a phone.</summary>
    public int ActiveFilterCount =>
        new[] { Category, Province, Prefecture, County, Supplier }.Count(v => !string.IsNullOrEmpty(v))
        + (string.IsNullOrEmpty(Min) && string.IsNullOrEmpty(Max) ? 0 : 1);
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }

    public CatalogPage Result { get; private set; } = null!;
    public CatalogSort EffectiveSort { get; private set; }
    public List<string> IgnoredFilters { get; } = [];
    /// <summary>The filters in force, each with the label shown on its "remove" chip.</summary>
    public List<(string Key, string Label)> ActiveFilters { get; } = [];

    public static readonly (string Value, CatalogSort Sort, string Label)[] SortOptions =
    [
        ("relevance", CatalogSort.Relevance, "Catalog.SortRelevance"),
        ("price-asc", CatalogSort.PriceAscending, "Catalog.SortPriceAscending"),
        ("price-desc", CatalogSort.PriceDescending, "Catalog.SortPriceDescending"),
        ("newest", CatalogSort.Newest, "Catalog.SortNewest"),
    ];

    /// <summary>The results as another signed-in person's request already made them of this catalog, with this reader's token.</summary>
    public IHtmlContent? SharedResults { get; private set; }

    private CatalogFragments.Key _resultsKey;
    private string? _formsToken;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var index = await search.IndexAsync(ct);
        // Buyers get an add-to-cart form on every card (its token is theirs, put in when the shared results are served).
        var cartForms = await actor.SeatWithAsync(OrganisationRoles.Buyer, ct) is not null;
        _resultsKey = CatalogFragments.Key.For(index.Stamp, Request, cartForms);
        _formsToken = cartForms ? antiforgery.GetAndStoreTokens(HttpContext).RequestToken : null;
        SharedResults = fragments.Find(_resultsKey, _formsToken);
        if (SharedResults is not null) return;

        var english = Cultures.IsEnglish;
        var query = new CatalogQuery(Text: Q);

        if (!string.IsNullOrWhiteSpace(Category))
        {
            var category = await db.Categories.AsNoTracking().Where(c => c.Slug == Category && c.ParentCode != null)
                .Select(c => new { c.Id, c.Name, c.NameEn }).FirstOrDefaultAsync(ct);
            if (category is null) { IgnoredFilters.Add("category"); Category = null; }
            else { query = query with { CategoryId = category.Id }; ActiveFilters.Add(("category", english ? category.NameEn : category.Name)); }
        }
        if (!string.IsNullOrWhiteSpace(Province))
        {
            var name = await DivisionNameAsync(Province, DivisionLevel.Province, ct);
            if (name is null) { IgnoredFilters.Add("province"); Province = null; }
            else { query = query with { ProvinceCode = Province }; ActiveFilters.Add(("province", name)); }
        }
        if (!string.IsNullOrWhiteSpace(Prefecture))
        {
            var name = await DivisionNameAsync(Prefecture, DivisionLevel.Prefecture, ct);
            if (name is null) { IgnoredFilters.Add("prefecture"); Prefecture = null; }
            else { query = query with { PrefectureCode = Prefecture }; ActiveFilters.Add(("prefecture", name)); }
        }
        if (!string.IsNullOrWhiteSpace(County))
        {
            var name = await DivisionNameAsync(County, DivisionLevel.County, ct);
            if (name is null) { IgnoredFilters.Add("county"); County = null; }
            else { query = query with { CountyCode = County }; ActiveFilters.Add(("county", name)); }
        }
        if (!string.IsNullOrWhiteSpace(Supplier))
        {
            var id = int.TryParse(Supplier, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
            var name = id is null ? null : await db.Suppliers.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct);
            if (name is null) { IgnoredFilters.Add("supplier"); Supplier = null; }
            else { query = query with { SupplierId = id }; ActiveFilters.Add(("supplier", name)); }
        }
        var min = ParsePrice(Min);
        if (min is null) Min = null;
        var max = ParsePrice(Max);
        if (max is null) Max = null;
        if (min is not null || max is not null)
        {
            query = query with { MinPriceFen = min, MaxPriceFen = max };
            ActiveFilters.Add(("price", PriceLabel(min, max)));
        }

        var hasText = SearchTextNormalizer.Terms(Q).Count > 0;
        var chosen = SortOptions.Where(o => o.Value == Sort).Select(o => (CatalogSort?)o.Sort).FirstOrDefault();
        if (chosen is null && !string.IsNullOrEmpty(Sort)) { IgnoredFilters.Add("sort"); Sort = null; }
        EffectiveSort = chosen ?? (hasText ? CatalogSort.Relevance : CatalogSort.Newest);

        // "page" is Razor Pages' own route value (the page's path), so the query's page number is read directly.
        var page = int.TryParse(Request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 1;
        Result = await search.SearchAsync(index, query with { Sort = EffectiveSort, Page = page }, english, ct);
    }

    /// <summary>Keeps the results just rendered for the next person who asks the same of this catalog.</summary>
    public string KeepResults(IHtmlContent rendered) => fragments.Keep(_resultsKey, rendered, _formsToken);

    // An ignored value is also cleared from the page's properties, so every link the page makes drops it.
    private long? ParsePrice(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var fen = Fen.ParseYuan(text);
        if (fen is null or < 0) { IgnoredFilters.Add("price"); return null; }
        return fen;
    }

    private Task<string?> DivisionNameAsync(string code, DivisionLevel level, CancellationToken ct) =>
        AdministrativeDivision.IsWellFormedCode(code)
            ? db.Divisions.AsNoTracking().Where(d => d.Code == code && d.Level == level).Select(d => d.Name).FirstOrDefaultAsync(ct)
            : Task.FromResult<string?>(null);

    private static string PriceLabel(long? min, long? max) => (min, max) switch
    {
        ({ } a, { } b) => $"{Fen.Format(a)} – {Fen.Format(b)}",
        ({ } a, null) => $"≥ {Fen.Format(a)}",
        (null, { } b) => $"< {Fen.Format(b)}",
        _ => "",
    };

    /// <summary>The URL of this search with some parameters changed (null removes one); the page resets unless given.</summary>
    public string Link(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q, ["category"] = Category, ["province"] = Province, ["prefecture"] = Prefecture, ["county"] = County, ["supplier"] = Supplier,
            ["min"] = Min, ["max"] = Max, ["sort"] = Sort, ["page"] = null,
        };
        foreach (var (key, value) in changes)
        {
            if (key == "price") { values["min"] = null; values["max"] = null; }
            else values[key] = value;
        }
        var query = values.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return QueryHelpers.AddQueryString("/catalog", query);
    }

    public string PageLink(int page) => Link(("page", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The band key "20-50" as min and max in yuan.</summary>
    public string PriceBandLink(string band)
    {
        var parts = band.Split('-');
        return Link(("min", parts[0] == "0" ? null : parts[0]), ("max", parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));
    }

    public static string PriceBandLabel(string band)
    {
        var parts = band.Split('-');
        return parts[1].Length == 0 ? $"¥{parts[0]}+" : $"¥{parts[0]}–{parts[1]}";
    }
}
