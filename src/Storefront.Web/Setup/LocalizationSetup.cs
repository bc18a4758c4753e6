using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Storefront.Web.Localization;

namespace Storefront.Web.Setup;

public static class LocalizationSetup
{
    public static void AddStorefrontLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddSingleton<IStringLocalizer<SharedResource>, CachedStringLocalizer<SharedResource>>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Cultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Chinese unless the person chose English: the choice lives in a cookie, not in the browser's language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = Cultures.CookieName }];
        });
        builder.Services.AddSingleton<IStringLocalizer>(sp =>
            sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource)));
    }
}
