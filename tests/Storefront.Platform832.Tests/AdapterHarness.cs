using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Core.ReferenceData;
using Storefront.Core.Suppliers;
using Storefront.Platform832.Client;
using Storefront.Platform832.Simulator;

namespace Storefront.Platform832.Tests;

/// <summary>
/// The adapter wired as the shop wires it, on its own SQLite file, against a simulator started in process on a
/// loopback port. Tests raise the rate limits unless the limit is what they are about, so that they run quickly.
/// The simulator's categories share no code with the shop's: unless a test says otherwise, the harness reads them and
/// maps every shop category by accepting the suggestion by name, as an admin would on /admin/sync/categories.
/// </summary>
public sealed class AdapterHarness : IAsyncDisposable
{
    public const string AppKey = Platform832StandIn.AppKey;
    public const string AppSecret = Platform832StandIn.AppSecret;
    private static int _sequence;
    private readonly string _folder;

    public RunningSimulator Simulator { get; }
    public ServiceProvider Services { get; }
    public Simulator.Simulator Platform => Simulator.Simulator;

    private AdapterHarness(RunningSimulator simulator, ServiceProvider services, string folder)
    {
        Simulator = simulator;
        Services = services;
        _folder = folder;
    }

    public static async Task<AdapterHarness> StartAsync(Action<SimulatorOptions>? simulator = null, IDictionary<string, string?>? adapter = null, bool mapCategories = true)
    {
        var running = await SimulatorApp.StartAsync(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = AppSecret;
            o.RequestsPerSecond = 1000;
            o.Burst = 1000;
            o.Audit.Mode = "Manual";
            o.Seed = 832;
            simulator?.Invoke(o);
        });
        var folder = Path.Combine(Path.GetTempPath(), "storefront-tests", $"p832-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Platform832:BaseUrl"] = running.BaseUrl.ToString(),
            ["Platform832:AppKey"] = AppKey,
            ["Platform832:AppSecret"] = AppSecret,
            ["Platform832:PublicBaseUrl"] = "https://shop.example.cn/",
            ["Platform832:RequestsPerSecond"] = "1000",
            ["Platform832:RetryBaseDelay"] = "00:00:00.010",
            ["Platform832:RetryMaxDelay"] = "00:00:00.100",
            ["Platform832:SyncRetryBaseDelay"] = "00:00:00",
            ["Platform832:SyncRetryMaxDelay"] = "00:00:00",
            ["Platform832:RequestTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in adapter ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(Environment.GetEnvironmentVariable("P832_LOG") == "1" ? LogLevel.Information : LogLevel.Warning).AddConsole());
        services.AddSingleton(TimeProvider.System);
        var connection = $"Data Source={Path.Combine(folder, "shop.db")};Default Timeout=60";
        services.AddDbContext<StorefrontDbContext>(o => o.UseSqlite(connection));
        services.AddScoped<QuotaLedger>();
        services.AddScoped<AuditLog>();
        services.AddPlatform832(configuration, (hash, _, _) => $"/media/photos/{hash}-800.jpg");
        var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            await db.Database.EnsureCreatedAsync();
            // EnsureCreated makes the tables, not the triggers the migrations add: the yearly totals need theirs.
            await db.Database.ExecuteSqlRawAsync(global::Storefront.Core.Quotas.YearlyTotalsTriggers.CreateSqlite);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await ReferenceDataLoader.EnsureAsync(db);
            // The ledger counts money only for designated counties, as the shop's demo list designates them.
            foreach (var code in ReferenceDataLoader.ReadDemoDesignatedCounties())
                db.DesignatedCounties.Add(new Core.Regions.DesignatedCounty { CountyCode = code, Source = "test", AddedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var harness = new AdapterHarness(running, provider, folder);
        if (mapCategories) await harness.MapCategoriesAsync();
        return harness;
    }

    /// <summary>Reads the platform's reference data and accepts every suggested mapping; returns how many were mapped.</summary>
    public async Task<int> MapCategoriesAsync()
    {
        // Set up in calm weather: the faults a test injects are for what it tests.
        var faults = Platform.Faults;
        Platform.Faults = new FaultSettings();
        var read = await InScopeAsync<ReferenceData.PlatformReferenceData, ReferenceData.PlatformReferenceData.Outcome>(r => r.RefreshAsync());
        Platform.Faults = faults;
        if (read.Error is not null) throw new InvalidOperationException(read.Error);
        return await WithDbAsync(async db =>
        {
            var (mapped, _) = await ReferenceData.CategoryMappings.AcceptAllSuggestionsAsync(db, "test", DateTime.UtcNow, default);
            await db.SaveChangesAsync();
            return mapped;
        });
    }

    /// <summary>The platform's code that the shop's category (by slug) is mapped to.</summary>
    public Task<string> PlatformCodeOfAsync(string slug) => WithDbAsync(db =>
        db.Platform832CategoryMappings.Where(m => m.Category.Slug == slug).Select(m => m.PlatformCategoryCode).SingleAsync());

    public Platform832Client Client() => Services.GetRequiredService<Platform832Client>();

    public async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> WithDbAsync<T>(Func<StorefrontDbContext, Task<T>> work) => InScopeAsync(work);

    public Task WithDbAsync(Func<StorefrontDbContext, Task> work) => InScopeAsync<StorefrontDbContext, int>(async db => { await work(db); return 0; });

    public Task<Supplier> AddSupplierAsync(string? code) => WithDbAsync(async db =>
    {
        var n = Interlocked.Increment(ref _sequence);
        var supplier = new Supplier
        {
            Name = $"测试合作社{n}",
            CreditCode = UnifiedSocialCreditCode.Complete($"93433127MA{n:D7}"),
            CountyCode = "433127",
            Status = VerificationStatus.Verified,
            Platform832Code = code,
        };
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync();
        if (code is not null) Platform.State.UpsertSupplier(code, supplier.Name, supplier.CreditCode, "433127", "ACTIVE");
        return supplier;
    });

    /// <summary>Published listings of a supplier, each with a photo; their creation writes their first sync jobs.</summary>
    public Task<List<int>> AddListingsAsync(int supplierId, int count, string title = "永顺莓茶 250g", string category = "tea", string county = "433127") => WithDbAsync(async db =>
    {
        var shopCategory = await db.Categories.FirstAsync(c => c.Slug == category);
        var listings = new List<Listing>();
        for (var i = 0; i < count; i++)
        {
            var listing = new Listing
            {
                Title = count == 1 ? title : $"{title} {i + 1}",
                Unit = "盒",
                Spec = "250g/盒",
                OriginCountyCode = county,
                SupplierId = supplierId,
                CategoryId = shopCategory.Id,
                Stock = 100 + i,
                Status = ListingStatus.Published,
                Description = "高山莓茶",
                CreatedAtUtc = DateTime.UtcNow,
                UpdatedAtUtc = DateTime.UtcNow,
            };
            listing.SetPricing(10, [new PriceTier(10, 6800 + i)]);
            listing.Photos.Add(new ListingPhoto { Position = 0, ContentHash = $"{i:x32}", Width = 800, Height = 800, CreatedAtUtc = DateTime.UtcNow });
            listings.Add(listing);
        }
        db.Listings.AddRange(listings);
        await db.SaveChangesAsync();
        return listings.Select(l => l.Id).ToList();
    });

    public Task<Organisation> AddOrganisationAsync(string creditCode) => WithDbAsync(async db =>
    {
        var organisation = new Organisation { Name = $"单位 {creditCode}", CreditCode = creditCode, RegionCode = "430104", Type = OrganisationType.Hospital, Status = VerificationStatus.Verified };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
