using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Platform832.Simulator;
using Storefront.Web.Demo;
using Storefront.Web.Setup;
using Microsoft.Extensions.Logging;

namespace Storefront.Platform832.Tests.Admin;

public class SyncMonitorOnSqlite(Platform832Factory factory) : SyncMonitorTests<Platform832Factory>(factory);
public class SyncMonitorOnPostgreSql(PostgreSqlPlatform832Factory factory) : SyncMonitorTests<PostgreSqlPlatform832Factory>(factory);

/// <summary>The admins' 832 pages against the simulator: the monitor, retries, reconciliation and the orders queue.</summary>
public abstract class SyncMonitorTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : Platform832Factory
{
    private PlatformState Platform => Factory.Simulator.State;

    private async Task<HtmlPage> MonitorAsync(HttpClient client) => await client.GetPageAsync("/admin/sync");

    private static string SupplierRow(HtmlPage page, string code) =>
        page.All("#suppliers tbody tr").Select(r => r.TextContent).Single(t => t.Contains(code, StringComparison.Ordinal));

    [SkippableFact]
    public async Task TheMonitorShowsASuppliersBacklogAndThenItsListingsInStepWithTheJobsLastSuccess()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, code, listings) = await Factory.OnboardOn832Async("yongshun");
        await Factory.MapCategoriesAsync(client);
        var before = await MonitorAsync(client);
        Assert.Null(before.Find("#sync-not-configured"));
        Assert.Contains($"{listings.Count}", SupplierRow(before, code));

        Assert.True(await Factory.RunJobAsync<Platform832SyncJob>());

        var after = await MonitorAsync(client);
        var cells = after.All("#suppliers tbody tr").Single(r => r.TextContent.Contains(code, StringComparison.Ordinal)).QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(listings.Count.ToString(), cells[3]);
        Assert.Equal("0", cells[4]);
        Assert.DoesNotContain("从未", after.Text($"#job-{Platform832JobState.Sync}"));
        Assert.Equal(listings.Count, Platform.Products().Count(p => p.SupplierCode == code));
        Assert.All(Platform.Products().Where(p => p.SupplierCode == code), p => Assert.StartsWith("https://storefront.test/media/photos/", p.Fields.ImageUrls[0]));
    }

    [SkippableFact]
    public async Task ARefusalShowsThePlatformsReasonsAndAParkedListingIsRetriedByAnAdmin()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, code, listings) = await Factory.OnboardOn832Async("fenghuang");
        await Factory.MapCategoriesAsync(client);
        await Factory.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == listings[0]).ExecuteDeleteAsync());
        await Factory.RunJobAsync<Platform832SyncJob>();

        var refused = await MonitorAsync(client);
        var row = refused.Text($"#problem-{listings[0]}");
        Assert.Contains("平台拒收", row);
        Assert.Contains("imageUrls: 必填", row);

        Factory.Simulator.Simulator.Faults = new FaultSettings { ErrorRate = 1 };
        try
        {
            await Factory.WithDbAsync(async db => { await db.Listings.Where(l => l.Id == listings[1]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 3).SetProperty(l => l.Revision, l => l.Revision + 1)); db.ListingSyncJobs.Add(ListingSyncJob.For(listings[1], DateTime.UtcNow)); await db.SaveChangesAsync(); });
            await Factory.RunJobAsync<Platform832SyncJob>();
            await Factory.RunJobAsync<Platform832SyncJob>();
        }
        finally
        {
            Factory.Simulator.Simulator.Faults = new FaultSettings();
        }
        var parked = await MonitorAsync(client);
        Assert.Contains("等待管理员处理", parked.Text($"#problem-{listings[1]}"));

        var retried = await parked.SubmitAsync(client, $"#problem-{listings[1]} form");
        Assert.Contains($"已重新排队 {Listing.CodeOf(listings[1])}", retried.Text(".flash"));
        await Factory.RunJobAsync<Platform832SyncJob>();
        Assert.Equal(ListingSyncState.InStep, await Factory.WithDbAsync(db => db.ListingSyncRecords.Where(r => r.ListingId == listings[1]).Select(r => r.State).SingleAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.Retry" && a.SubjectId == Listing.CodeOf(listings[1]))));
        Assert.Equal(3, Platform.Product(code, Listing.CodeOf(listings[1]))!.Fields.Stock);
    }

    [SkippableFact]
    public async Task AnAdminAsksForAReconciliationAndSeesTheDriftItRepaired()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, code, listings) = await Factory.OnboardOn832Async("baojing");
        await Factory.MapCategoriesAsync(client);
        await Factory.RunJobAsync<Platform832SyncJob>();
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listings[0]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 1)));
        // A product the platform holds that the shop never had: nothing can repair it but a person.
        Platform.Upsert(code, "L999999", new ProductFields(1, "孤儿", "150001", "433125", null, "盒", "1", 1, 1, 1, ["https://x.cn/a.jpg"], ""));

        var page = await MonitorAsync(client);
        var requested = await page.SubmitAsync(client, "#reconcile-form");
        Assert.Contains("已请求对账", requested.Text(".flash"));
        Assert.NotNull(requested.Find("#reconciliation-waiting"));
        Assert.True(await Factory.RunJobAsync<Platform832ReconciliationJob>());

        var report = await MonitorAsync(client);
        Assert.Contains("价格或库存不同 1", report.Text("#drift-counts"));
        Assert.Contains(Listing.CodeOf(listings[0]), report.Text("#drifts"));
        // What needs a person comes first: the unknown product (reported only), then what was queued.
        var rows = report.All("#drifts tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("L999999", rows[0]);
        Assert.Contains("仅报告", rows[0]);
        Assert.Contains("已排队同步", rows[^1]);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.Reconcile")));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.ListingId == listings[0] && j.DoneAtUtc == null)));
    }

    [SkippableFact]
    public async Task AnImportedOrderOfAnUnknownBuyerWaitsUntilAnAdminMatchesItAndThenCountsOnce()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, code, _) = await Factory.OnboardOn832Async("guzhang");
        await Factory.MapCategoriesAsync(client);
        await Factory.RunJobAsync<Platform832SyncJob>();
        foreach (var p in Platform.Products().Where(p => p.SupplierCode == code)) Platform.Decide(code, p.ExternalId, true, null);
        Platform.PlaceOrders(1);
        Assert.True(await Factory.RunJobAsync<Platform832OrdersJob>());

        var queue = await client.GetPageAsync("/admin/platform832-orders");
        var order = await Factory.WithDbAsync(db => db.Platform832Orders.OrderByDescending(o => o.Id).FirstAsync());
        Assert.Contains(Platform832Factory.UnmatchedBuyer, queue.Text($"#order-{order.Id}"));

        var refused = await queue.SubmitAsync(client, $"#match-form-{order.Id}", [new("CreditCode", "91430000MA00000000")]);
        Assert.Contains("没有使用该统一社会信用代码的采购单位。", refused.Errors);

        var hospital = await Factory.WithDbAsync(db => db.Organisations.FirstAsync(o => o.Name == "长沙市天心区人民医院"));
        var matched = await refused.SubmitAsync(client, $"#match-form-{order.Id}", [new("CreditCode", hospital.CreditCode)]);
        Assert.Contains($"订单 {order.OrderNo} 已匹配", matched.Text(".flash"));
        Assert.Null(matched.Find($"#order-{order.Id}"));
        await Factory.RunJobAsync<Platform832OrdersJob>();
        var entries = await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.Reference == order.OrderNo).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal((hospital.Id, QuotaEntryKind.Platform832Order, order.TotalFen), (entry.OrganisationId, entry.Kind, entry.AmountFen));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.MatchOrder" && a.SubjectId == order.OrderNo)));
    }

    [SkippableFact]
    public async Task OnlyAdminsSeeTheSyncPages()
    {
        var client = await SignedInClientAsync(DemoData.SupplierEmail("xupu"));
        var monitor = await client.GetAsync("/admin/sync");
        Assert.True(monitor.RequestMessage!.RequestUri!.AbsolutePath.Contains("access-denied", StringComparison.OrdinalIgnoreCase) || monitor.StatusCode == System.Net.HttpStatusCode.Forbidden,
            $"{monitor.StatusCode} {monitor.RequestMessage.RequestUri}");
        var queue = await client.GetAsync("/admin/platform832-orders");
        Assert.DoesNotContain("waiting-orders", await queue.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task AFieldRefusedOnManyListingsIsOneProblemOnTheMonitorWithItsCount()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, code, listings) = await Factory.OnboardOn832Async("sangzhi");
        await Factory.MapCategoriesAsync(client);
        // The platform suspends the cooperative: every listing is refused on the same field for the same reason.
        Platform.UpsertSupplier(code, "桑植县白茶蜂业专业合作社", null, "430822", "SUSPENDED");
        await Factory.RunJobAsync<Platform832SyncJob>();

        var monitor = await MonitorAsync(client);
        var classes = monitor.All("#refusal-classes tbody tr").Select(r => r.TextContent).ToList();
        var row = Assert.Single(classes, c => c.Contains("supplierCode", StringComparison.Ordinal));
        Assert.Contains("供应主体在平台上已暂停", row);
        Assert.Contains($"{listings.Count}", row);
        Assert.All(listings, id => Assert.Null(monitor.Find($"#problem-{id}")));
    }

    [SkippableFact]
    public async Task AJobThatThePlatformFailsLogsOneLineWithoutAStack()
    {
        Factory.RequireDatabase();
        var logs = new CapturingLogger<Platform832AuditsJob>();
        var job = new Platform832AuditsJob(Factory.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, logs,
            Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Platform832Options>>());
        Factory.Simulator.Simulator.Faults = new FaultSettings { ErrorRate = 1 };
        try
        {
            Assert.False(await job.TryRunAsync(CancellationToken.None));
        }
        finally
        {
            Factory.Simulator.Simulator.Faults = new FaultSettings();
        }
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("platform832-audits", entry.Message);
        Assert.DoesNotContain("\n", entry.Message);
        Assert.Matches("5000[1]|5030[1]", entry.Message);
    }

    private sealed class CapturingLogger<T> : ILogger<T>
    {
        public sealed record Entry(LogLevel Level, string Message, Exception? Exception);
        public List<Entry> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add(new(logLevel, formatter(state, exception), exception));
    }
}
