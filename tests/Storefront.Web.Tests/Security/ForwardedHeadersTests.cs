using System.Net;

namespace Storefront.Web.Tests.Security;

/// <summary>
/// X-Forwarded-For names the client only when it comes from a configured proxy (Security:KnownProxies): a caller on
/// the loopback cannot claim a new address per request to escape the sign-in rate limit. On Kestrel, as in production,
/// which also shows that no Server header is sent.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.DirectShop direct, ForwardedHeadersTests.ProxiedShop proxied)
    : IClassFixture<ForwardedHeadersTests.DirectShop>, IClassFixture<ForwardedHeadersTests.ProxiedShop>
{
    /// <summary>No proxy configured: the shop is reached directly, here from the loopback.</summary>
    public sealed class DirectShop : StorefrontFactory
    {
        public DirectShop() => UseKestrel(0);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Security:SecureCookies", "SameAsRequest"), new("Security:SignInAttemptsPerAddressPerMinute", "3"), new("AllowedHosts", TestDatabases.LoopbackHosts)];
    }

    /// <summary>Behind a proxy on the loopback, configured as known.</summary>
    public sealed class ProxiedShop : StorefrontFactory
    {
        public ProxiedShop() => UseKestrel(0);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Security:SecureCookies", "SameAsRequest"), new("Security:SignInAttemptsPerAddressPerMinute", "3"),
                new("Security:KnownProxies:0", "127.0.0.1"), new("Security:KnownProxies:1", "::1"), new("AllowedHosts", TestDatabases.LoopbackHosts)];
    }

    /// <summary>Statuses of five failed sign-ins, each for another account and claiming another client address.</summary>
    private static async Task<List<HttpStatusCode>> SignInsFromChangingAddressesAsync(StorefrontFactory shop)
    {
        shop.RequireDatabase();
        shop.StartServer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = shop.ClientOptions.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetPageAsync("/account/sign-in");
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            var result = await page.SubmitAsync(client, "#sign-in-form", [new("Input.Email", $"nobody{i}@example.com"), new("Input.Password", "wrong-password-1")]);
            statuses.Add(result.Status);
        }
        return statuses;
    }

    [SkippableFact]
    public async Task AForwardedForHeaderFromAnUnconfiguredCallerDoesNotEscapeTheSignInLimit()
    {
        var statuses = await SignInsFromChangingAddressesAsync(direct);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [SkippableFact]
    public async Task AForwardedForHeaderFromAConfiguredProxyNamesTheClient()
    {
        var statuses = await SignInsFromChangingAddressesAsync(proxied);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [SkippableFact]
    public async Task NoServerHeaderIsSent()
    {
        direct.RequireDatabase();
        direct.StartServer();
        using var client = new HttpClient { BaseAddress = direct.ClientOptions.BaseAddress };
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Server));
    }
}
