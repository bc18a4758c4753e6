using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Storefront.Platform832.Simulator;

namespace Storefront.Browser.Tests;

/// <summary>
/// The shop on a real Kestrel port and Debian's Chromium driven by Playwright: headless, no browser download.
/// Missing Chromium skips the browser tests, or fails them when STOREFRONT_REQUIRE_BROWSER=1. The shop talks to its
/// own 832 simulator, and its background jobs run as in production, on short intervals.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public const string Platform832AppKey = "browser-app";
    public const string Platform832AppSecret = "browser-secret";
    /// <summary>A hospital the 832 platform knows and the shop does not: its orders wait for an admin to match them.</summary>
    public const string UnknownBuyer = "11430000006151219X";

    private readonly KestrelFactory _factory = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("STOREFRONT_CHROMIUM") ?? ChromiumPath;
    public StorefrontFactory Factory => _factory;
    public string BaseUrl { get; private set; } = "";
    public RunningSimulator Simulator => _factory.Simulator ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath)) return;
        _factory.Simulator = await SimulatorApp.StartAsync(o =>
        {
            o.AppKey = Platform832AppKey;
            o.AppSecret = Platform832AppSecret;
            o.Audit.Mode = "Manual";
            o.AutoOnboardSuppliers = true;
            o.BudgetUnits = [new() { CreditCode = UnknownBuyer, Name = "湖南省某某医院", UnitType = "HOSPITAL" }];
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        // Chromium keeps Secure cookies on http only for localhost, so the tests address the server by that name.
        var address = new Uri(_factory.ClientOptions.BaseAddress.ToString());
        BaseUrl = $"http://localhost:{address.Port}";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A fresh browser context (its own cookies) on a phone-sized or desktop window, on this shop or another.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false, string? baseUrl = null)
    {
        Requirements.Need(_browser is not null, Requirements.BrowserRequired, $"Chromium was not found at {ExecutablePath}: apt-get install chromium.");
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        // A bound on waiting, not a measure: generous, since a freshly started shop compiles its pages on first use.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in as the demo account, through the sign-in form.</summary>
    public async Task<IPage> SignedInAsync(string email, bool phone = false, string? baseUrl = null)
    {
        var page = await NewPageAsync(phone, baseUrl);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", Storefront.Web.Demo.DemoData.Password);
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#nav-user")).ToHaveTextAsync(email);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        if (_factory.Simulator is not null) await _factory.Simulator.DisposeAsync();
    }

    private sealed class KestrelFactory : StorefrontFactory
    {
        public RunningSimulator? Simulator { get; set; }

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => Simulator is null ? [] :
        [
            new("Platform832:BaseUrl", Simulator.BaseUrl.ToString()),
            new("Platform832:AppKey", Platform832AppKey),
            new("Platform832:AppSecret", Platform832AppSecret),
            new("Platform832:PublicBaseUrl", "https://storefront.test/"),
            new("Platform832:SyncInterval", "00:00:01"),
            new("Platform832:AuditsInterval", "00:00:01"),
            new("Platform832:OrdersInterval", "00:00:01"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Kestrel serves plain HTTP on localhost here, as in development; Secure cookies are tested over HTTPS elsewhere.
            builder.UseSetting("Security:SecureCookies", "SameAsRequest");
            builder.UseSetting("AllowedHosts", TestDatabases.LoopbackHosts);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
