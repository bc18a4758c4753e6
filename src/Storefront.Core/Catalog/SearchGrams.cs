using Microsoft.EntityFrameworkCore;

namespace Storefront.Core.Catalog;

/// <summary>
/// The search index of the catalog, made for Chinese: text has no spaces between words, so every substring must be
/// findable ("莓茶" in "永顺莓茶"). A listing is indexed by the pairs of neighbouring characters of each word of its
/// search text, plus each word's last character paired with nothing, every pair packed into one integer (first
/// character in the high 16 bits). Then every character of a word begins at least one gram, so a one-character term
/// is a range of grams; a two-character term is one gram, matched exactly; a longer term needs all its pairs and is
/// checked against the text itself, since pairs found apart do not make the term.
/// </summary>
public static class SearchGrams
{
    /// <summary>At most this many grams of one term are looked up; the text check keeps longer terms exact.</summary>
    public const int MaxGramsPerTerm = 4;

    /// <summary>What a normalised term asks of the index.</summary>
    /// <param name="Grams">grams a listing must all have</param>
    /// <param name="Range">for a one-character term: a listing must have a gram in [From, To]</param>
    /// <param name="NeedsTextCheck">whether the grams alone may find listings that do not contain the term</param>
    public sealed record TermQuery(IReadOnlyList<int> Grams, (int From, int To)? Range, bool NeedsTextCheck);

    public static int Pair(char first, char second) => unchecked((int)(((uint)first << 16) | second));

    /// <summary>The grams of a normalised search text (<see cref="SearchTextNormalizer.Normalize"/>).</summary>
    public static HashSet<int> Of(string? normalizedText)
    {
        var grams = new HashSet<int>();
        if (string.IsNullOrEmpty(normalizedText)) return grams;
        for (var i = 0; i < normalizedText.Length; i++)
        {
            var c = normalizedText[i];
            if (c == ' ') continue;
            var next = i + 1 < normalizedText.Length ? normalizedText[i + 1] : ' ';
            grams.Add(Pair(c, next == ' ' ? '\0' : next));
        }
        return grams;
    }

    /// <summary>How to find a term of <see cref="SearchTextNormalizer.Terms"/> (never empty, never with a space).</summary>
    public static TermQuery For(string term)
    {
        if (term.Length == 1) return new([], (Pair(term[0], '\0'), Pair(term[0], '\uffff')), false);
        var grams = new List<int>();
        for (var i = 0; i + 1 < term.Length && grams.Count < MaxGramsPerTerm; i++)
        {
            var gram = Pair(term[i], term[i + 1]);
            if (!grams.Contains(gram)) grams.Add(gram);
        }
        return new(grams, null, term.Length > 2);
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
