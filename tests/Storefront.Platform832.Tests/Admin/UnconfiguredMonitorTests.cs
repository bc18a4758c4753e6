using Storefront.Web.Demo;

namespace Storefront.Platform832.Tests.Admin;

public class UnconfiguredMonitorOnSqlite(StorefrontFactory factory) : UnconfiguredMonitorTests<StorefrontFactory>(factory);
public class UnconfiguredMonitorOnPostgreSql(PostgreSqlStorefrontFactory factory) : UnconfiguredMonitorTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A shop with no 832 platform configured: the pages still work and say why nothing moves.</summary>
public abstract class UnconfiguredMonitorTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task TheMonitorSaysTheJobsAreOffAndTheOrdersQueueIsEmpty()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var monitor = await client.GetPageAsync("/admin/sync");
        Assert.Equal(System.Net.HttpStatusCode.OK, monitor.Status);
        Assert.Contains("Platform832:BaseUrl", monitor.Text("#sync-not-configured"));
        Assert.Empty(monitor.All("#suppliers tbody tr"));
        Assert.NotNull((await client.GetPageAsync("/admin")).Find("a#tile-sync[href='/admin/sync']"));
        var queue = await client.GetPageAsync("/admin/platform832-orders");
        Assert.NotNull(queue.Find("#no-waiting"));
    }
}
