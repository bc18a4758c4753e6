using Storefront.Core.Catalog;

namespace Storefront.Core.Tests.Catalog;

public class SearchTextNormalizerTests
{
    [Fact]
    public void FoldsFullWidthFormsAndCase() =>
        Assert.Equal("永顺莓茶 250g abc", SearchTextNormalizer.Normalize("永顺莓茶　２５０Ｇ  ABC"));

    [Fact]
    public void SplitsAQueryIntoDistinctTerms() =>
        Assert.Equal(["莓茶", "250g"], SearchTextNormalizer.Terms(" 莓茶  250G 莓茶 "));

    [Fact]
    public void CutsAnOverlongQueryInsteadOfRefusingIt()
    {
        var terms = SearchTextNormalizer.Terms(new string('茶', 5000));
        Assert.Single(terms);
        Assert.Equal(SearchTextNormalizer.MaxQueryLength, terms[0].Length);
    }

    [Fact]
    public void KeepsAtMostFiveTerms() =>
        Assert.Equal(SearchTextNormalizer.MaxTerms, SearchTextNormalizer.Terms("a b c d e f g").Count);

    [Fact]
    public void LeavesWildcardCharactersAsTheyAreBecauseSearchIsLiteral() =>
        Assert.Equal(["100%", "a_b"], SearchTextNormalizer.Terms("100% a_b"));

    [Fact]
    public void GivesNoTermsForBlankOrControlInput()
    {
        Assert.Empty(SearchTextNormalizer.Terms(null));
        Assert.Empty(SearchTextNormalizer.Terms("  \t\u3000 "));
        Assert.Empty(SearchTextNormalizer.Terms("\u0000\u0001"));
    }
}
