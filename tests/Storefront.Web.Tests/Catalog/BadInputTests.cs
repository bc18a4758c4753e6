using System.Net;

namespace Storefront.Web.Tests.Catalog;

public class BadInputOnSqlite(StorefrontFactory factory) : BadInputTests<StorefrontFactory>(factory);
public class BadInputOnPostgreSql(PostgreSqlStorefrontFactory factory) : BadInputTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>Whatever arrives in a URL or a cookie, the answer is a page that says what it made of it, never a 500.</summary>
public abstract class BadInputTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task AFiveThousandCharacterSearchIsCutNotRefused()
    {
        var longQuery = string.Concat(Enumerable.Repeat("莓茶abc%_d", 625));
        Assert.Equal(5000, longQuery.Length);
        var page = await Client().GetPageAsync("/catalog?q=" + Uri.EscapeDataString(longQuery));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Find("#no-results"));
    }

    [SkippableTheory]
    [InlineData("-3", 1)]
    [InlineData("0", 1)]
    [InlineData("abc", 1)]
    [InlineData("999999", 4)]
    [InlineData("99999999999999999999", 1)]
    public async Task AnOutOfRangePageShowsTheNearestPage(string page, int shown)
    {
        var result = await Client().GetPageAsync($"/catalog?page={page}");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(shown.ToString(), result.Text(".pager [aria-current=page]"));
        Assert.NotEmpty(result.All("#results .card"));
    }

    [SkippableTheory]
    [InlineData("category=caviar", "品类")]
    [InlineData("county=999999", "县")]
    [InlineData("county=430000", "县")]
    [InlineData("county=%3Cscript%3E", "县")]
    [InlineData("province=12", "省份")]
    [InlineData("prefecture=433127", "地市")]
    [InlineData("supplier=abc", "供应商")]
    [InlineData("supplier=2147483648", "供应商")]
    [InlineData("min=cheap", "价格")]
    [InlineData("sort=random", "排序")]
    public async Task AnUnknownFilterIsIgnoredAndSaidSo(string query, string named)
    {
        var page = await Client().GetPageAsync("/catalog?" + query);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(named, page.Text("#ignored-filters"));
        Assert.Equal("共 82 件商品", page.Text("#results-summary"));
        Assert.DoesNotContain("<script>", page.Body);
    }

    [SkippableTheory]
    [InlineData("/listings/999999")]
    [InlineData("/listings/abc")]
    [InlineData("/listings/-1")]
    [InlineData("/listings/99999999999999")]
    [InlineData("/no/such/page")]
    public async Task AListingOrPageThatDoesNotExistGetsTheNotFoundPage(string url)
    {
        var page = await Client().GetPageAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Find("#not-found-page"));
        Assert.NotNull(page.Find(".site-header"));
    }

    [SkippableTheory]
    [InlineData("garbage")]
    [InlineData("c=xx-XX|uic=xx-XX")]
    [InlineData("c=|uic=")]
    [InlineData("c=en|uic=en|extra=%%%")]
    [InlineData("%E4%B8%AD")]
    public async Task AMalformedCultureCookieFallsBackToChinese(string cookie)
    {
        var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/catalog");
        request.Headers.Add("Cookie", $"sf.culture={cookie}");
        var page = await HtmlPage.FromAsync(await client.SendAsync(request));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("zh-CN", page.Document.DocumentElement.GetAttribute("lang"));
    }
}
