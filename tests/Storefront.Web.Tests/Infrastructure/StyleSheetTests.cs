namespace Storefront.Web.Tests.Infrastructure;

public class StyleSheetTests
{
    private static string StyleSheet([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "wwwroot-assets", "css", "site.css"));

    [Fact]
    public void EveryBlockOfTheStyleSheetIsClosedSoNoRuleIsSilentlyDropped()
    {
        // An unclosed @media block swallows every rule after it: the browser reports nothing, the pages lose their look.
        var depth = 0;
        var line = 0;
        foreach (var text in StyleSheet().Split('\n'))
        {
            line++;
            foreach (var c in text)
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                Assert.True(depth >= 0, $"a closing brace without an opening one at line {line}");
            }
            if (text.TrimStart().StartsWith("@media", StringComparison.Ordinal))
                Assert.True(depth == 1, $"an @media block opens inside another block at line {line}");
        }
        Assert.Equal(0, depth);
    }
}
