using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;

namespace Storefront.Web.Security;

/// <summary>
/// Antiforgery as ASP.NET Core does it, with a signed-in person's request token kept for the antiforgery cookie they
/// already hold. A request token is valid with its cookie for as long as the cookie is, for the same person; making
/// it afresh (decrypting the cookie, encrypting a new token) was a tenth of a buyer's page (issue 13's profile). A
/// new cookie is always made and stored by antiforgery itself; validating a post is unchanged.
/// </summary>
public sealed class KeptRequestTokens(IAntiforgery antiforgery, string cookieName) : IAntiforgery, IDisposable
{
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>How long a token is kept unused; the cookie lives for the browser's session.</summary>
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        var cookie = httpContext.Request.Cookies[cookieName];
        var person = httpContext.User.Identity?.IsAuthenticated == true ? httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (cookie is null || person is null) return antiforgery.GetAndStoreTokens(httpContext);
        if (_tokens.TryGetValue((cookie, person), out AntiforgeryTokenSet? kept) && kept is not null)
        {
            // What antiforgery says of every response with a token: no cache may keep it.
            httpContext.Response.Headers.CacheControl = "no-cache, no-store";
            httpContext.Response.Headers.Pragma = "no-cache";
            return kept;
        }
        var made = antiforgery.GetAndStoreTokens(httpContext);
        // Kept only when the cookie sent was valid and used as it was (no new cookie token made for this response).
        if (made.CookieToken is null && made.RequestToken is not null)
            _tokens.Set((cookie, person), made, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
        return made;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => antiforgery.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => antiforgery.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => antiforgery.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => antiforgery.SetCookieTokenAndHeader(httpContext);

    public void Dispose() => _tokens.Dispose();
}
