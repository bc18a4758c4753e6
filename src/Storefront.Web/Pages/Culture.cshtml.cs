using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages;

/// <summary>
/// The language switch: remembers the choice in a cookie for a year and returns to the page it came from.
/// Its form is on every page, so it carries no antiforgery token: a token is made per visitor, and one in the layout
/// would make every page personal and defeat the catalog's cache. A forged post can only switch the visitor's
/// language and send them to a page of this site; it reads and changes nothing else.
/// </summary>
[IgnoreAntiforgeryToken]
[PublicPage]
public class CultureModel(CookieSecurity cookies) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = Cultures.Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? Cultures.Default;
        Response.Cookies.Append(
            Cultures.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                Secure = cookies.IsSecure(Request),
                SameSite = SameSiteMode.Lax,
            });
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
