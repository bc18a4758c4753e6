using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Storefront.Core.Data;
using Storefront.Web.Security;

namespace Storefront.Web.Setup;

public static class SecuritySetup
{
    public const string AntiforgeryCookieName = "sf.af";
    public const string TempDataCookieName = "sf.tempdata";

    public static void AddStorefrontSecurity(this WebApplicationBuilder builder)
    {
        var cookies = CookieSecurity.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(cookies);
        // Keys in the database: a cookie issued by one instance is read by every other.
        builder.Services.AddDataProtection()
            .SetApplicationName("Storefront")
            .PersistKeysToDbContext<StorefrontDbContext>();

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = cookies.Policy;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        // ASP.NET Core's antiforgery, with a signed-in person's request token kept per cookie (KeptRequestTokens).
        builder.Services.Decorate<Microsoft.AspNetCore.Antiforgery.IAntiforgery>((antiforgery, _) => new KeptRequestTokens(antiforgery, AntiforgeryCookieName));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = TempDataCookieName;
            o.Cookie.SecurePolicy = cookies.Policy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a load balancer the client's address and scheme arrive in X-Forwarded-*, trusted only from the
            // proxies in Security:KnownProxies. The default trusts the loopback, which let a local caller pick its own
            // address (and so a fresh sign-in rate limit) with each request; and with both lists empty the middleware
            // trusts everyone, so without configured proxies the headers are not read at all.
            var proxies = builder.Configuration.GetSection("Security:KnownProxies").Get<string[]>() ?? [];
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is still filled with the loopback network by default and still consulted.
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            o.KnownProxies.Clear();
            o.ForwardedHeaders = proxies.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        builder.Services.AddSingleton<SignInThrottle>();
        // No "Server: Kestrel": what runs the shop is nobody's business.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
    }
}
