namespace Storefront.Web.Security;

/// <summary>
/// Every cookie is Secure, HttpOnly and SameSite. The one exception is plain-HTTP development on localhost (the README's
/// run command serves http://localhost:5000), where cookies are Secure only when the request is: set
/// Security:SecureCookies to "Always" or "SameAsRequest" to choose explicitly.
/// </summary>
public sealed class CookieSecurity(CookieSecurePolicy policy)
{
    public CookieSecurePolicy Policy { get; } = policy;

    public static CookieSecurity From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration["Security:SecureCookies"] switch
        {
            "Always" => CookieSecurePolicy.Always,
            "SameAsRequest" => CookieSecurePolicy.SameAsRequest,
            _ => environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always,
        });

    public bool IsSecure(HttpRequest request) => Policy == CookieSecurePolicy.Always || request.IsHttps;
}
