using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Catalog;
using Storefront.Web.Security;

namespace Storefront.Web.Pages;

/// <summary>The home page: produce zones (专区) by category and by province of origin, and the newest listings.</summary>
[OutputCache(PolicyName = Performance.CatalogOutputCache.PolicyName)]
[PublicPage]
public class IndexModel(CatalogSearch catalog) : PageModel
{
    public IReadOnlyList<CategoryZone> CategoryZones { get; private set; } = [];
    public IReadOnlyList<OriginZone> OriginZones { get; private set; } = [];
    public IReadOnlyList<CatalogCard> Newest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        (CategoryZones, OriginZones) = await catalog.ZonesAsync(ct);
        var newest = await catalog.SearchAsync(new CatalogQuery(Sort: CatalogSort.Newest), english: false, ct);
        Newest = newest.Cards.Take(8).ToList();
    }
}
