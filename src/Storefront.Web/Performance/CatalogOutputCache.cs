using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Storefront.Core.Catalog;

namespace Storefront.Web.Performance;

/// <summary>
/// The output cache of the catalog's pages (home, catalog, listing) for anonymous visitors. An entry is keyed by the
/// URL, the language and the catalog's stamp, which every change to what the catalog shows replaces in the same
/// transaction (<see cref="CatalogChanges"/>): reading the stamp first, each instance serves a page only while nothing
/// it shows has changed, whichever instance changed it, and the cache is safe to lose. A listing's page shows its
/// stock, which checkout takes without touching the stamp, so that page is keyed by the stock as well.
/// Signed-in people get pages made for them (their links, their add-to-cart forms), never from the cache.
/// </summary>
public sealed class CatalogOutputCache : IOutputCachePolicy
{
    public const string PolicyName = "catalog";

    /// <summary>How long an entry may stay unused; a new stamp makes older entries unreachable long before.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = IsCacheable(http.Request);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return;

        var vary = context.CacheVaryByRules;
        vary.QueryKeys = "*";
        vary.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        int? listing = http.Request.RouteValues["page"] is "/Catalog/Listing"
            && int.TryParse(http.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var (stamp, stock) = await http.RequestServices.GetRequiredService<CatalogStamp>().ReadAsync(listing, cancellation);
        vary.VaryByValues["catalog"] = stamp.ToString(CultureInfo.InvariantCulture);
        if (listing is not null) vary.VaryByValues["stock"] = stock?.ToString(CultureInfo.InvariantCulture) ?? "";
        context.ResponseExpirationTimeSpan = Lifetime;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A page that sets a cookie or asks not to be stored (an antiforgery token was made for it) belongs to one person.
        if (response.StatusCode != StatusCodes.Status200OK
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            || response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>An anonymous GET with nothing pending for this visitor alone (a status message kept for the next page).</summary>
    public static bool IsCacheable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.HttpContext.User.Identity?.IsAuthenticated != true
        && StringValues.IsNullOrEmpty(request.Headers.Authorization)
        && !request.Cookies.ContainsKey(Setup.SecuritySetup.TempDataCookieName);
}
