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
            // Behind a load balancer the client's address and scheme arrive in X-Forwarded-*; trusted proxies are configured.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Security:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        builder.Services.AddSingleton<SignInThrottle>();
    }
}
