using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Storefront.Web.Tests.Infrastructure;

public partial class LocalizationTests(StorefrontFactory factory) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public async Task TheShopSpeaksChineseUntilEnglishIsChosenAndRemembersTheChoice()
    {
        var client = factory.CreateClient();
        var catalog = await client.GetPageAsync("/catalog?q=莓茶");
        Assert.Equal("zh-CN", catalog.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("商品目录", catalog.Text(".main-nav"));

        var english = await catalog.SubmitAsync(client, "form.culture-switch", submitName: "culture", submitValue: "en");
        Assert.Equal("/catalog?q=%E8%8E%93%E8%8C%B6", english.Url!.PathAndQuery);
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Catalog", english.Text(".main-nav"));
        Assert.Contains("4 listings", english.Text("#results-summary"));

        var later = await client.GetPageAsync("/listings/1");
        Assert.Equal("en", later.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Price by quantity", later.Text("#price-tiers caption"));

        var chinese = await later.SubmitAsync(client, "form.culture-switch", submitName: "culture", submitValue: "zh-CN");
        Assert.Equal("zh-CN", chinese.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("阶梯价格", chinese.Text("#price-tiers caption"));
    }

    [Fact]
    public async Task AnUnknownCultureOrAForeignReturnUrlIsNotFollowed()
    {
        var client = factory.CreateClientWithoutRedirects();
        var home = await client.GetPageAsync("/");
        var response = (await home.SubmitAsync(client, "form.culture-switch", [new("culture", "fr"), new("returnUrl", "//evil.example/")])).Response;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sf.culture=c%3Dzh-CN", StringComparison.Ordinal));
    }

    private static string WebProject([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Storefront.Web"));

    private static Dictionary<string, string> ReadResx(string file) =>
        XDocument.Load(Path.Combine(WebProject(), "Resources", file)).Root!.Elements("data")
            .ToDictionary(e => e.Attribute("name")!.Value, e => e.Element("value")!.Value);

    [Fact]
    public void EveryTextHasAChineseAndAnEnglishVersion()
    {
        var chinese = ReadResx("SharedResource.resx");
        var english = ReadResx("SharedResource.en.resx");
        Assert.Equal(chinese.Keys.Order(), english.Keys.Order());
        Assert.All(chinese, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(english, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        // Placeholders must match, or a translation would throw or lose a value when formatted.
        Assert.All(chinese, kv => Assert.Equal(Placeholders(kv.Value), Placeholders(english[kv.Key])));
    }

    [Fact]
    public void EveryKeyThePagesUseIsInTheResourceFile()
    {
        var keys = ReadResx("SharedResource.resx").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(WebProject(), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var missing = new List<string>();
        foreach (var file in sources)
        {
            foreach (Match m in UsedKey().Matches(File.ReadAllText(file)))
            {
                var key = m.Groups["key"].Value;
                if (!keys.Contains(key)) missing.Add($"{Path.GetFileName(file)}: {key}");
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void NoLabelInThePagesIsFollowedByAHalfWidthColon()
    {
        // Chinese text takes a full-width colon (商品编码：L4): a label's colon comes from the resource file with it.
        var offending = Directory.EnumerateFiles(WebProject(), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => LabelThenColon().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }

    [Fact]
    public async Task AListingsCodeIsIntroducedWithAFullWidthColonInChineseAndAColonInEnglish()
    {
        var client = factory.CreateClient();
        var chinese = await client.GetPageAsync("/listings/1");
        Assert.Equal("商品编码：L1", chinese.Text(".listing-code"));
        var english = await chinese.SubmitAsync(client, "form.culture-switch", submitName: "culture", submitValue: "en");
        Assert.Equal("Listing code: L1", english.Text(".listing-code"));
    }

    [GeneratedRegex("\"\\]:")]
    private static partial Regex LabelThenColon();

    private static string[] Placeholders(string text) => Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order().ToArray();

    // T["Key"], t["Key"], l["Key"], and data-annotation keys such as ErrorMessage = "Validation.Required".
    [GeneratedRegex("(?:\\b[Ttl]\\[\"|(?:ErrorMessage|Name) = \")(?<key>[A-Z][A-Za-z]+\\.[A-Za-z0-9_.]+)\"")]
    private static partial Regex UsedKey();
}
