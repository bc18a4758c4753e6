using System.Text.RegularExpressions;

namespace Storefront.Web.Tests.Infrastructure;

/// <summary>Costs found by the load test and kept out of the pages by rule (issue 8).</summary>
public partial class RazorConventionTests
{
    private static IEnumerable<string> Pages([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Directory.EnumerateFiles(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Storefront.Web"), "*.cshtml", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex("asp-for=\"@")]
    private static partial Regex ExpressionFor();

    [Fact]
    public void TagHelpersNamePropertiesWithoutAnAtSoTheirExpressionIsCompiledOnce()
    {
        // asp-for="@Model.Prop" makes Razor build and compile the expression on every render; asp-for="Prop" is cached.
        var pages = Pages().ToList();
        Assert.NotEmpty(pages);
        var offending = pages.SelectMany(p => File.ReadLines(p).Select((line, i) => (p, line, i)))
            .Where(x => ExpressionFor().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.p)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offending);
    }
}
