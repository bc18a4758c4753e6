using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Security;

/// <summary>Security that holds from the first page: headers, cookies, antiforgery, HSTS and the error page.</summary>
public class SecurityTests(StorefrontFactory factory) : IClassFixture<StorefrontFactory>
{
    public static TheoryData<string> Pages() => ["/", "/catalog", "/catalog?q=莓茶", "/listings/1", "/account/sign-in", "/account/register", "/no-such-page"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageCarriesTheSecurityHeaders(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task NoPageHasInlineScriptOrStyleThePolicyWouldBlock(string url)
    {
        var page = await factory.CreateClient().GetPageAsync(url);
        Assert.All(page.All("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline <script>"));
        Assert.Empty(page.All("style"));
        Assert.Empty(page.All("[style]"));
        Assert.DoesNotContain(page.All("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SessionAndAntiforgeryCookiesAreSecureHttpOnlyAndSameSite()
    {
        var client = factory.CreateClientWithoutRedirects();
        var form = await client.GetPageAsync("/account/sign-in");
        var antiforgery = form.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sf.af=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", antiforgery);
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);

        var signedIn = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", DemoData.AdminEmail), new("Input.Password", DemoData.Password)]);
        var auth = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sf.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", auth);
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=lax", auth);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/register")]
    [InlineData("/account/sign-out")]
    public async Task AFormPostedWithoutItsAntiforgeryTokenIsRefused(string url)
    {
        var response = await factory.CreateClient().PostAsync(url, new FormUrlEncodedContent(
            [new("Input.Email", DemoData.AdminEmail), new("Input.Password", DemoData.Password), new("culture", "en")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheLanguageSwitchAloneTakesNoTokenAndOnlySwitchesTheLanguage()
    {
        // Its form is on every page: a token there would make every page personal and uncacheable (issue 8).
        var response = await factory.CreateClientWithoutRedirects().PostAsync("/culture", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "https://evil.example/")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains("en", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdminPageSendsAnonymousVisitorsToSignInAndRefusesBuyers()
    {
        var anonymous = factory.CreateClientWithoutRedirects();
        var response = await anonymous.GetAsync("/admin/designated-counties");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in?ReturnUrl=%2Fadmin%2Fdesignated-counties", response.Headers.Location!.PathAndQuery);

        var buyer = factory.CreateClient();
        await buyer.SignInAsync(DemoData.MemberEmail("school", "buyer"));
        var denied = await buyer.GetPageAsync("/admin/designated-counties");
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("/account/access-denied", denied.Url!.AbsolutePath);
    }

    [Fact]
    public async Task AnUnhandledErrorShowsTheShopsErrorPageWithoutDetails()
    {
        using var throwing = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowingEndpoint>()));
        var page = await throwing.CreateClient().GetPageAsync("/test/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.NotNull(page.Find("#error-page"));
        Assert.NotNull(page.Find(".site-header"));
        Assert.DoesNotContain("secret detail", page.Body);
        Assert.DoesNotContain("StackTrace", page.Body);
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/throw", a => a.Run(_ => throw new InvalidOperationException("secret detail")));
        };
    }
}

public class DevelopmentFactory : StorefrontFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public class DevelopmentTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task HstsIsNotSentInDevelopment()
    {
        var response = await factory.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}

public class ThrottledFactory : StorefrontFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Security:SignInAttemptsPerAddressPerMinute", "6"),
        new("Security:SignInAttemptsPerAccountPerQuarterHour", "3"),
    ];
}

public class SignInThrottleTests(ThrottledFactory factory) : IClassFixture<ThrottledFactory>
{
    private static async Task<HtmlPage> AttemptAsync(HttpClient client, string email)
    {
        var form = await client.GetPageAsync("/account/sign-in");
        return await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "wrong-password1")]);
    }

    [Fact]
    public async Task SignInIsLimitedPerAccountAndPerAddress()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(client, "someone@example.cn")).Status);
        var limited = await AttemptAsync(client, "someone@example.cn");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("尝试过于频繁，请稍后再试。", limited.Errors);

        // Another account from the same address still has attempts left, until the address's own limit.
        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(client, "other@example.cn")).Status);
        Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(client, "third@example.cn")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AttemptAsync(client, "fourth@example.cn")).Status);
    }
}
