using System.Net;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Admin;

public class AdminHomeOnSqlite(StorefrontFactory factory) : AdminHomeTests<StorefrontFactory>(factory);
public class AdminHomeOnPostgreSql(PostgreSqlStorefrontFactory factory) : AdminHomeTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The admins' start page: every tool is there, each queue with the count of what waits in it.</summary>
public abstract class AdminHomeTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task EachQueueShowsWhatWaitsInItAndEveryTileOpensItsTool()
    {
        var client = await SignedInClientAsync(DemoData.AdminEmail);
        var home = await client.GetPageAsync("/admin");

        // The demo: the Jingzhou cooperative and the kindergarten wait for verification, the agency's purchase for its
        // transfer, the hospital's canteen filing for review; nothing is parked on 832 or waits to be matched.
        Assert.Equal("1 项待处理", home.Text("#tile-suppliers .tile-count"));
        Assert.Equal("1 项待处理", home.Text("#tile-organisations .tile-count"));
        Assert.Equal("1 项待处理", home.Text("#tile-transfers .tile-count"));
        Assert.Equal("1 项待处理", home.Text("#tile-filings .tile-count"));
        Assert.Equal("0 个商品已搁置", home.Text("#tile-sync .tile-count"));
        // No demo order was paid 30 days ago: none waits for its fapiao.
        Assert.Equal("0 项待处理", home.Text("#tile-uninvoiced .tile-count"));
        Assert.Contains("waiting", home.Get("#tile-suppliers").ClassName);
        Assert.DoesNotContain("waiting", home.Get("#tile-sync").ClassList);
        Assert.DoesNotContain("waiting", home.Get("#tile-counties").ClassList);

        var tiles = home.All(".admin-tiles a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(14, tiles.Count);
        foreach (var href in tiles)
        {
            var response = await client.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href}: {response.StatusCode}");
        }
        // The header keeps the daily queues; the rest is found here.
        Assert.Null(home.Find("#nav-sync"));
        Assert.NotNull(home.Find("#nav-admin"));
    }

    [SkippableFact]
    public async Task APersonWhoIsNotAnAdminDoesNotSeeIt()
    {
        var client = await SignedInClientAsync(DemoData.MemberEmail("school", "admin"));
        var page = await client.GetPageAsync("/admin");
        Assert.Null(page.Find(".admin-tiles"));
        Assert.Null(page.Find("#nav-admin"));
    }
}
