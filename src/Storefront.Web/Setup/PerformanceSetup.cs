using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.ResponseCompression;
using Storefront.Core.Catalog;
using Storefront.Web.Performance;

namespace Storefront.Web.Setup;

public static class PerformanceSetup
{
    /// <summary>
    /// The catalog's output cache for anonymous visitors and its index in memory, both keyed by the catalog's stamp in
    /// the database (safe with several instances and safe to lose), and compression of the static files, which are
    /// cached for a year.
    /// </summary>
    public static void AddStorefrontPerformance(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CatalogStamp>();
        builder.Services.AddSingleton<CatalogIndexes>();
        // Chinese as it is, not as &#x…; entities: pages a third the size, and less work to write them.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton<CookieTempDataProvider>();
        builder.Services.AddSingleton<ITempDataProvider, QuietTempDataProvider>();
        builder.Services.AddOutputCache(o => o.AddPolicy(CatalogOutputCache.PolicyName, new CatalogOutputCache()));
        builder.Services.AddSingleton<CatalogFragments>();
        builder.Services.AddSingleton<SharedPages>();
        builder.Services.AddScoped<PersonalParts>();
        builder.Services.AddResponseCompression(o =>
        {
            // Static files hold no secret, so compressing them over HTTPS gives nothing away (BREACH needs a secret
            // beside reflected input); pages are left to the load balancer, which may compress with that in mind.
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
    }
}
