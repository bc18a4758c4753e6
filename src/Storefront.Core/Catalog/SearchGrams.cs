namespace Storefront.Core.Catalog;

/// <summary>
/// The grams of catalog search, made for Chinese: text has no spaces between words, so every substring must be
/// findable ("莓茶" in "永顺莓茶"). A term is looked up by the pairs of neighbouring characters in it, each pair packed
/// into one integer (first character in the high 16 bits), in the postings the catalog's index keeps in memory (see
/// <see cref="CatalogIndex.Postings"/>). A two-character term is then one gram, found exactly; a longer term needs
/// all its pairs, and is checked against the text, since pairs found apart do not make the term; a one-character term
/// is its own gram.
/// </summary>
public static class SearchGrams
{
    /// <summary>At most this many grams of one term are looked up; the text check keeps longer terms exact.</summary>
    public const int MaxGramsPerTerm = 4;

    public static int Pair(char first, char second) => unchecked((int)(((uint)first << 16) | second));

    /// <summary>The grams a listing must have to contain a term of <see cref="SearchTextNormalizer.Terms"/>; none for one character.</summary>
    public static IReadOnlyList<int> OfTerm(string term)
    {
        var grams = new List<int>();
        for (var i = 0; i + 1 < term.Length && grams.Count < MaxGramsPerTerm; i++)
        {
            var gram = Pair(term[i], term[i + 1]);
            if (!grams.Contains(gram)) grams.Add(gram);
        }
        return grams;
    }
}
