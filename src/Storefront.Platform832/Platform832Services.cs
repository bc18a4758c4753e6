using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Platform832.Audits;
using Storefront.Platform832.Client;
using Storefront.Platform832.Orders;
using Storefront.Platform832.Status;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832;

public static class Platform832Services
{
    /// <summary>
    /// The adapter's services, bound to the "Platform832" section. The photo path comes from the host, which serves
    /// the photos. The services are there even when the platform is not configured (the status query is read by
    /// pages); only the jobs that call it stay off.
    /// </summary>
    public static IServiceCollection AddPlatform832(this IServiceCollection services, IConfiguration configuration, Func<string, int, int, string> photoPath)
    {
        services.AddOptions<Platform832Options>().Bind(configuration.GetSection(Platform832Options.Section));
        services.AddSingleton(sp => new RequestSpacer(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<Platform832Options>>().Value.RequestsPerSecond));
        services.AddHttpClient<Platform832Client>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new ListingImageUrls(
            sp.GetRequiredService<IOptions<Platform832Options>>().Value.PublicBaseUrl
                // The shop's own configured address unless the platform is to fetch photos from another (a CDN).
                ?? (sp.GetService<Core.Settings.PublicAddress>()?.Root ?? "http://localhost:5000") + "/", photoPath));
        services.AddScoped<FeedFollower>();
        services.AddScoped<ReferenceData.PlatformReferenceData>();
        services.AddScoped<ListingSync>();
        services.AddScoped<AuditFollower>();
        services.AddScoped<OrderImport>();
        services.AddScoped<Reconciliation.ListingReconciliation>();
        services.AddScoped<ListingPlatformStatusQuery>();
        services.AddScoped<Core.Quotas.IQuotaEntrySource, Orders.Platform832EntrySource>();
        return services;
    }
}
