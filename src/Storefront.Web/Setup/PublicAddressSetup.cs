using Microsoft.AspNetCore.HostFiltering;
using Storefront.Core.Settings;

namespace Storefront.Web.Setup;

public static class PublicAddressSetup
{
    public const string Key = "Storefront:PublicUrl";
    private const string DevelopmentDefault = "http://localhost:5000";

    /// <summary>
    /// The shop's public address (Storefront:PublicUrl), required outside Development: links in mail and Stripe's return
    /// URLs are built on it, never on a request's Host. Outside Development the Host header is checked too: AllowedHosts
    /// defaults to the address's host (set AllowedHosts to list others, such as a load balancer's health check name).
    /// </summary>
    public static void AddStorefrontPublicAddress(this WebApplicationBuilder builder)
    {
        var address = From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(address);
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [address.Host]);
    }

    public static PublicAddress From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[Key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"{Key} is not set. Outside Development the shop must know its public address (e.g. https://shop.example.cn): " +
                    "links in mail and Stripe's return URLs are built on it, never on the Host of a request. " +
                    "Set Storefront__PublicUrl in the environment or Storefront:PublicUrl in appsettings.");
            configured = DevelopmentDefault;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"{Key} '{configured}' is not an absolute http(s) address without query (e.g. https://shop.example.cn).");
        return new PublicAddress(uri);
    }
}
