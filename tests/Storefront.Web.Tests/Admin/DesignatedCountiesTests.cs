using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Admin;

public class DesignatedCountiesOnSqlite(StorefrontFactory factory) : DesignatedCountiesTests<StorefrontFactory>(factory);
public class DesignatedCountiesOnPostgreSql(PostgreSqlStorefrontFactory factory) : DesignatedCountiesTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>Admins load the official list of designated counties and keep it: every change audited.</summary>
public abstract class DesignatedCountiesTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private async Task<(HttpClient Client, HtmlPage Page)> AdminPageAsync()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        return (client, await client.GetPageAsync("/admin/designated-counties"));
    }

    private static (string, string, byte[], string) Csv(string text) => ("file", "counties.csv", Encoding.UTF8.GetBytes(text), "text/csv");

    [SkippableFact]
    public async Task AnAdminImportsTheOfficialListAndTheImportIsAudited()
    {
        var (client, page) = await AdminPageAsync();
        Assert.Contains("(39)", page.Text(".tabs"));
        var result = await page.SubmitAsync(client, "#import-form", files: [Csv("\uFEFFcode,name\n522722,荔波县\n522723,贵定县\n433127,永顺县\n")]);
        Assert.Contains("已新增 2 个县，1 个已在名单中。", result.Text(".flash"));
        Assert.Contains("贵州省 (2)", result.Text(".tabs"));

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "DesignatedCounty.Import").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(DemoData.AdminEmail, entry.ActorName);
        Assert.Matches(@"\badded 2\b", entry.Details);
    }

    [SkippableFact]
    public async Task AListWithAnyBadLineIsRefusedWholeWithTheLinesAndReasons()
    {
        var (client, page) = await AdminPageAsync();
        var before = await Factory.WithDbAsync(db => db.DesignatedCounties.CountAsync());
        var result = await page.SubmitAsync(client, "#import-form", files: [Csv("522701\nabc\n110000\n999999\n")]);
        Assert.Contains("有 3 行无效，名单未导入。", result.Text("#import-error"));
        var rows = result.All("#refused-rows tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("不是六位数字代码", rows[0]);
        Assert.Contains("不是现行县级行政区划代码", rows[1]);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.DesignatedCounties.CountAsync()));
    }

    [SkippableFact]
    public async Task AnEmptyUploadIsRefusedWithAMessage()
    {
        var (client, page) = await AdminPageAsync();
        var result = await page.SubmitAsync(client, "#import-form", files: [Csv("")]);
        Assert.Contains("请选择要导入的文件。", result.Text("#import-error"));
    }

    [SkippableFact]
    public async Task AnAdminAddsAndRemovesOneCounty()
    {
        var (client, page) = await AdminPageAsync();
        var refused = await page.SubmitAsync(client, "#add-form", [new("CountyCode", "430000")]);
        Assert.Contains("这是省级或地级代码，请输入县级代码。", refused.Errors);

        var added = await refused.SubmitAsync(client, "#add-form", [new("CountyCode", "622921")]);
        Assert.Contains("已添加 622921。", added.Text(".flash"));
        Assert.Contains("临夏县", added.Text("#counties"));

        var removed = await added.SubmitAsync(client, "form[action*='handler=Remove'][action*='code=622921']");
        Assert.Contains("已移除 622921。", removed.Text(".flash"));
        Assert.DoesNotContain("临夏县", removed.Text("#counties"));
        // Removing ends the county's period on the list; the row stays, for what counted while it was designated.
        var period = await Factory.WithDbAsync(db => db.DesignatedCounties.AsNoTracking().SingleAsync(c => c.CountyCode == "622921"));
        Assert.NotNull(period.RemovedAtUtc);
        Assert.True(period.RemovedAtUtc >= period.AddedAtUtc);
        Assert.Equal(Core.Regions.DesignatedCounties.Verdict.NotDesignated, await Factory.WithDbAsync(db => new Core.Regions.DesignatedCounties(db, TimeProvider.System).CheckAsync("622921")));

        // Added again, it gets a new period; the ended one is kept.
        var again = await removed.SubmitAsync(client, "#add-form", [new("CountyCode", "622921")]);
        Assert.Contains("已添加 622921。", again.Text(".flash"));
        var periods = await Factory.WithDbAsync(db => db.DesignatedCounties.AsNoTracking().Where(c => c.CountyCode == "622921").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, periods.Count);
        Assert.NotNull(periods[0].RemovedAtUtc);
        Assert.Null(periods[1].RemovedAtUtc);
        await again.SubmitAsync(client, "form[action*='handler=Remove'][action*='code=622921']");
        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectId == "622921").Select(a => a.Action).ToListAsync());
        Assert.Equal(["DesignatedCounty.Add", "DesignatedCounty.Add", "DesignatedCounty.Remove", "DesignatedCounty.Remove"], actions.Order());
    }
}
