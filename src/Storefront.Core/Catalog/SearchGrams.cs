using Microsoft.EntityFrameworkCore;

namespace Storefront.Core.Catalog;

/// <summary>
/// The search index of the catalog, made for Chinese: text has no spaces between words, so every substring must be
/// findable ("莓茶" in "永顺莓茶"). A listing is indexed by the pairs of neighbouring characters of each word of its
/// search text, each pair packed into one integer (first character in the high 16 bits). A two-character term is
/// then one gram, found exactly; a longer term needs all its pairs, and is checked against the text, since pairs
/// found apart do not make the term. A one-character term has no pair: it is looked for in the catalog's index in
/// memory, where it takes a few milliseconds over 100,000 listings (and a common character matches many anyway).
/// </summary>
public static class SearchGrams
{
    /// <summary>At most this many grams of one term are looked up; the text check keeps longer terms exact.</summary>
    public const int MaxGramsPerTerm = 4;

    public static int Pair(char first, char second) => unchecked((int)(((uint)first << 16) | second));

    /// <summary>The grams of a normalised search text (<see cref="SearchTextNormalizer.Normalize"/>).</summary>
    public static HashSet<int> Of(string? normalizedText)
    {
        var grams = new HashSet<int>();
        if (string.IsNullOrEmpty(normalizedText)) return grams;
        for (var i = 0; i + 1 < normalizedText.Length; i++)
        {
            if (normalizedText[i] != ' ' && normalizedText[i + 1] != ' ') grams.Add(Pair(normalizedText[i], normalizedText[i + 1]));
        }
        return grams;
    }

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

/// <summary>One gram of a listing's search text (see <see cref="SearchGrams"/>); kept in step with it on every save.</summary>
public class ListingSearchGram
{
    public int Gram { get; init; }
    public int ListingId { get; init; }
    public Listing? Listing { get; init; }
}

/// <summary>Builds the grams of listings saved before the index existed (a database migrated from an older version).</summary>
public static class SearchIndex
{
    public static async Task EnsureBuiltAsync(Data.StorefrontDbContext db, CancellationToken ct = default)
    {
        if (await db.ListingSearchGrams.AnyAsync(ct) || !await db.Listings.AnyAsync(l => l.SearchText != "", ct)) return;
        var after = 0;
        while (true)
        {
            var batch = await db.Listings.AsNoTracking().Where(l => l.Id > after).OrderBy(l => l.Id).Take(2000)
                .Select(l => new { l.Id, l.SearchText }).ToListAsync(ct);
            if (batch.Count == 0) return;
            db.ListingSearchGrams.AddRange(batch.SelectMany(l => SearchGrams.Of(l.SearchText).Select(g => new ListingSearchGram { Gram = g, ListingId = l.Id })));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = batch[^1].Id;
        }
    }
}
