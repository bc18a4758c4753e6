using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Storefront.Web.Performance;

/// <summary>
/// The cookie TempData provider, except that it does not delete a cookie the request did not send. The layout reads
/// TempData on every page (for the status message), and the stock provider answers each such read with a Set-Cookie
/// deleting the cookie: a header that would mark every page as personal and keep the catalog out of the output cache.
/// </summary>
public sealed class QuietTempDataProvider(CookieTempDataProvider inner, IOptions<CookieTempDataProviderOptions> options) : ITempDataProvider
{
    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.ContainsKey(options.Value.Cookie.Name!)) return;
        inner.SaveTempData(context, values);
    }
}
