extern alias simulator;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using simulator::Storefront.Platform832.Simulator;
using Storefront.Web.Demo;
using Storefront.Web.Jobs;
using Storefront.Web.Setup;
using Xunit;

namespace Storefront.Testing;

/// <summary>
/// The 832 simulator as the shop's platform in tests that run the whole shop: how it is started, the settings that
/// point the shop at it, and the steps an admin takes before a supplier's listings can reach it.
/// </summary>
public static class Platform832StandIn
{
    public const string AppKey = "test-app";
    public const string AppSecret = "test-secret";

    /// <summary>A simulator that audits by hand (tests decide), onboards suppliers as they first send, and does not throttle.</summary>
    public static RunningSimulator Start(Action<SimulatorOptions>? more = null) => SimulatorApp.StartAsync(o =>
    {
        o.AppKey = AppKey;
        o.AppSecret = AppSecret;
        o.RequestsPerSecond = 1000;
        o.Burst = 1000;
        o.Audit.Mode = "Manual";
        o.AutoOnboardSuppliers = true;
        more?.Invoke(o);
    }).GetAwaiter().GetResult();

    /// <summary>The shop's settings for the simulator; the tests run the jobs themselves, so a failure is not retried later.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(RunningSimulator simulator) =>
    [
        new("Platform832:BaseUrl", simulator.BaseUrl.ToString()),
        new("Platform832:AppKey", AppKey),
        new("Platform832:AppSecret", AppSecret),
        new("Platform832:PublicBaseUrl", "https://storefront.test/"),
        new("Platform832:RequestsPerSecond", "1000"),
        new("Platform832:MaxAttempts", "2"),
        new("Platform832:FaultAttempts", "1"),
        new("Platform832:SyncRetryBaseDelay", "00:00:00"),
        new("Platform832:SyncRetryMaxDelay", "00:00:00"),
        new("Jobs:Enabled", "false"),
    ];

    /// <summary>Runs a background job once, as its timer would; false when another instance held its lease.</summary>
    public static Task<bool> RunJobAsync<TJob>(this StorefrontFactory factory) where TJob : LeasedJob =>
        factory.Services.GetRequiredService<TJob>().TryRunAsync(CancellationToken.None);

    /// <summary>Gives a demo supplier an 832 code and queues its listings (those chosen, or all), as recording the code does.</summary>
    public static async Task<(int SupplierId, string Code, List<int> Listings)> OnboardOn832Async(this StorefrontFactory factory, string supplierKey,
        Expression<Func<Listing, bool>>? which = null)
    {
        var code = "S" + supplierKey.ToUpperInvariant();
        var (supplierId, listings) = await factory.WithDbAsync(async db =>
        {
            var supplier = await db.Suppliers.SingleAsync(s => s.Members.Any(m => m.User.Email == DemoData.SupplierEmail(supplierKey)));
            supplier.Platform832Code = code;
            var ids = await db.Listings.Where(l => l.SupplierId == supplier.Id).Where(which ?? (l => true)).OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
            foreach (var id in ids) db.ListingSyncJobs.Add(ListingSyncJob.For(id, DateTime.UtcNow));
            await db.SaveChangesAsync();
            return (supplier.Id, ids);
        });
        return (supplierId, code, listings);
    }

    /// <summary>
    /// What an admin does before the first listing can reach a platform whose categories are not the shop's: the
    /// platform's lists are read (on start, by their job), and the demo's nine suggestions by name are accepted in one click. The
    /// page after accepting, or null when an earlier test of the same shop had mapped them.
    /// </summary>
    public static async Task<HtmlPage?> MapCategoriesAsync(this StorefrontFactory factory, HttpClient admin)
    {
        Assert.True(await factory.RunJobAsync<Platform832ReferenceDataJob>());
        var page = await admin.GetPageAsync("/admin/sync/categories");
        if (page.Find("#accept-all-form") is null) return null;
        var mapped = await page.SubmitAsync(admin, "#accept-all-form");
        Assert.Contains("已采纳 9 条建议", mapped.Text(".flash"));
        Assert.Empty(mapped.All("#category-map tr[data-mapped='no']"));
        return mapped;
    }
}
