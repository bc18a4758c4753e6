using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Photos;
using Storefront.Core.Platform832;
using Storefront.Platform832;
using Storefront.Platform832.Audits;
using Storefront.Platform832.Orders;
using Storefront.Platform832.Reconciliation;
using Storefront.Platform832.Sync;
using Storefront.Web.Jobs;
using Storefront.Web.Photos;

namespace Storefront.Web.Setup;

public static class Platform832Setup
{
    /// <summary>
    /// The 832 adapter (Platform832:BaseUrl, AppKey, AppSecret, PublicBaseUrl). Its jobs run, each on one instance
    /// through its lease, only when a BaseUrl is configured; the pages that show the sync work either way.
    /// </summary>
    public static void AddStorefrontPlatform832(this WebApplicationBuilder builder)
    {
        builder.Services.AddPlatform832(builder.Configuration, PhotoPath);
        // The client logs each call's outcome itself; the HTTP handlers' four lines a request are noise at this rate.
        builder.Logging.AddFilter("System.Net.Http.HttpClient.Platform832Client", LogLevel.Warning);
        var options = builder.Configuration.GetSection(Platform832Options.Section).Get<Platform832Options>() ?? new Platform832Options();
        if (!options.IsConfigured) return;
        if (builder.Configuration.GetValue("Platform832:AssignDemoSupplierCodes", false))
            builder.Services.AddHostedService<DemoSupplierCodes>();
        builder.Services.AddSingleton<Platform832SyncJob>();
        builder.Services.AddSingleton<Platform832AuditsJob>();
        builder.Services.AddSingleton<Platform832OrdersJob>();
        builder.Services.AddSingleton<Platform832ReconciliationJob>();
        builder.Services.AddSingleton<Platform832ReferenceDataJob>();
        if (!builder.Configuration.GetValue("Jobs:Enabled", true)) return;
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Platform832ReferenceDataJob>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Platform832SyncJob>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Platform832AuditsJob>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Platform832OrdersJob>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Platform832ReconciliationJob>());
    }

    /// <summary>The JPEG the platform shows: the largest stored size up to 800 px on the long side.</summary>
    private static string PhotoPath(string contentHash, int width, int height)
    {
        var sides = PhotoVariants.LongSidesFor(width, height);
        var side = sides.Where(s => s <= 800).DefaultIfEmpty(PhotoVariants.MinimumLongSide).Max();
        return PhotoEndpoints.Url(contentHash, side, PhotoFormat.Jpeg);
    }
}

public sealed class Platform832SyncJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Platform832SyncJob> logger, IOptions<Platform832Options> options)
    : LeasedJob(scopes, clock, logger)
{
    protected override string Name => Platform832JobState.Sync;
    protected override TimeSpan Interval => options.Value.SyncInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        // Drains the outbox at the pace of the rate limit, stopping well inside the lease; the next interval goes on.
        await services.GetRequiredService<ListingSync>().DrainAsync(LeaseDuration / 2, ct);
    }
}

public sealed class Platform832AuditsJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Platform832AuditsJob> logger, IOptions<Platform832Options> options)
    : LeasedJob(scopes, clock, logger)
{
    protected override string Name => Platform832JobState.Audits;
    protected override TimeSpan Interval => options.Value.AuditsInterval;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<AuditFollower>().RunOnceAsync(ct).ThrowOnError();
}

public sealed class Platform832OrdersJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Platform832OrdersJob> logger, IOptions<Platform832Options> options)
    : LeasedJob(scopes, clock, logger)
{
    protected override string Name => Platform832JobState.Orders;
    protected override TimeSpan Interval => options.Value.OrdersInterval;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OrderImport>().RunOnceAsync(ct).ThrowOnError();
}

public sealed class Platform832ReconciliationJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Platform832ReconciliationJob> logger, IOptions<Platform832Options> options)
    : LeasedJob(scopes, clock, logger)
{
    protected override string Name => Platform832JobState.Reconciliation;
    protected override TimeSpan Interval => options.Value.ReconciliationPollInterval;
    protected override TimeSpan LeaseDuration => TimeSpan.FromMinutes(30);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var run = await services.GetRequiredService<ListingReconciliation>().RunDueAsync(ct);
        if (run is { Status: ReconciliationRunStatus.Failed }) throw new JobRunFailedException($"Reconciliation {run.Id} failed: {run.Error}");
    }
}

/// <summary>
/// Reads the platform's categories and counties on start (this instance's first run) and then whenever they are older
/// than Platform832:ReferenceDataInterval (a day), looking every few minutes.
/// </summary>
public sealed class Platform832ReferenceDataJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Platform832ReferenceDataJob> logger)
    : LeasedJob(scopes, clock, logger)
{
    private volatile bool _readSinceStart;

    protected override string Name => Platform832JobState.ReferenceData;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var referenceData = services.GetRequiredService<Storefront.Platform832.ReferenceData.PlatformReferenceData>();
        if (_readSinceStart && !await referenceData.IsDueAsync(ct)) return;
        var outcome = await referenceData.RefreshAsync(ct);
        if (outcome.Error is not null) throw new JobRunFailedException(outcome.Error);
        _readSinceStart = true;
    }
}

internal static class FeedOutcomes
{
    /// <summary>A feed that could not be read is a failed run: the lease then keeps its last success as it was.</summary>
    public static async Task ThrowOnError(this Task<FeedFollower.Outcome> run)
    {
        var outcome = await run;
        if (outcome.Error is not null) throw new JobRunFailedException(outcome.Error);
    }
}

/// <summary>
/// For a demo against the simulator: gives every supplier without an 832 code one ("S" + county + id) and queues its
/// listings, as an admin recording the codes would. Off unless Platform832:AssignDemoSupplierCodes is true.
/// </summary>
internal sealed class DemoSupplierCodes(IServiceScopeFactory scopes, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var suppliers = await db.Suppliers.Where(s => s.Platform832Code == null).ToListAsync(cancellationToken);
        if (suppliers.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var supplier in suppliers) supplier.Platform832Code = $"S{supplier.CountyCode}{supplier.Id:D3}";
        var ids = suppliers.Select(s => s.Id).ToList();
        foreach (var listing in await db.Listings.Where(l => ids.Contains(l.SupplierId)).Select(l => l.Id).ToListAsync(cancellationToken))
            db.ListingSyncJobs.Add(ListingSyncJob.For(listing, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
