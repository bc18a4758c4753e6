using Microsoft.EntityFrameworkCore;
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
        // Said in an admin's words: what is missing and who to ask, never a configuration key.
        var notice = monitor.Text("#sync-not-configured");
        Assert.Equal("尚未接入 832 平台：商品同步、审核结果、订单导入和对账都没有运行。接入需要 832 平台发给本平台的接口地址和接入凭证；请将它们交给负责部署本平台的技术人员（运维），由其填写到服务器配置后重启。", notice);
        Assert.DoesNotContain("Platform832:", monitor.Body);
        Assert.Empty(monitor.All("#suppliers tbody tr"));
        Assert.NotNull((await client.GetPageAsync("/admin")).Find("a#tile-sync[href='/admin/sync']"));
        var queue = await client.GetPageAsync("/admin/platform832-orders");
        Assert.NotNull(queue.Find("#no-waiting"));
    }

    [SkippableFact]
    public async Task ReconcilingIsOffWithItsReasonAndARequestIsRefusedWithoutQueueingOrAuditing()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var monitor = await client.GetPageAsync("/admin/sync");
        var button = monitor.Get("#reconcile-form button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("reconcile-unavailable", button.GetAttribute("aria-describedby"));
        Assert.Equal("832 平台尚未接入，无法对账：对账要向 832 平台读取商品，接入后才能使用。", monitor.Text("#reconcile-unavailable"));

        // A request sent anyway (an old tab, a hand-made post) is answered with why, and nothing waits for a job that never runs.
        var runsBefore = await Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync());
        var auditsBefore = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.Reconcile"));
        var refused = await monitor.SubmitAsync(client, "#reconcile-form");
        Assert.Equal("/admin/sync", refused.Url!.AbsolutePath);
        Assert.Equal("未请求对账：832 平台尚未接入，对账无法运行。", refused.Text("#reconcile-errors li"));
        Assert.Null(refused.Find(".flash"));
        Assert.Equal(runsBefore, await Factory.WithDbAsync(db => db.ReconciliationRuns.CountAsync()));
        Assert.Equal(auditsBefore, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "Platform832.Reconcile")));
    }
}
