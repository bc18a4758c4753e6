using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Storefront.Web.Performance;

/// <summary>
/// The catalog's results (facets, cards, pager) as signed-in people see them, made once per catalog stamp and shared:
/// every buyer asking the same question of the same catalog gets the same grid, so only what is their own (the
/// layout's name, cart and notifications, and the antiforgery token of the add-to-cart forms) is made per request.
/// The key holds the stamp, which every change to what the catalog shows replaces (<see cref="Core.Catalog.CatalogChanges"/>),
/// so a change is seen at once on every instance, as with the anonymous output cache (<see cref="CatalogOutputCache"/>).
/// The forms' token is stored as a mark and each reader's own token put in its place: no one is served another's.
/// Data that pages share (a listing as its page shows it) is kept here the same way, by stamp.
/// </summary>
public sealed class CatalogFragments(HtmlEncoder encoder) : IDisposable
{
    /// <summary>What stands for the request's antiforgery token in a stored fragment; never in a token (base64url) nor in HTML we make.</summary>
    private const string TokenMark = "\u0001token\u0001";

    // Sized in characters: a catalog page's results are some 40,000, so this keeps the few thousand most recent.
    private readonly MemoryCache _fragments = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    /// <summary>What a fragment depends on: the catalog's stamp, the language, the URL's query, and whether it holds cart forms.</summary>
    public readonly record struct Key(long Stamp, string Culture, string Query, bool CartForms)
    {
        public static Key For(long stamp, HttpRequest request, bool cartForms) =>
            new(stamp, CultureInfo.CurrentUICulture.Name, request.QueryString.Value ?? "", cartForms);
    }

    /// <summary>The fragment with this reader's token in its forms, or null when it is not made yet.</summary>
    public IHtmlContent? Find(Key key, string? requestToken) =>
        _fragments.TryGetValue(key, out Fragment? stored) && stored is not null ? new WithToken(stored, requestToken) : null;

    /// <summary>A kept fragment, cut where the token goes so that each reader's copy is written out without being made.</summary>
    private sealed record Fragment(string[] Pieces);

    private sealed class WithToken(Fragment fragment, string? requestToken) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            for (var i = 0; i < fragment.Pieces.Length; i++)
            {
                if (i > 0) writer.Write(requestToken);
                writer.Write(fragment.Pieces[i]);
            }
        }
    }

    /// <summary>Writes the rendered fragment out once, keeps it with the token marked, and returns it as this reader sees it.</summary>
    public string Keep(Key key, IHtmlContent rendered, string? requestToken)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        rendered.WriteTo(writer, encoder);
        var html = writer.ToString();
        if (key.CartForms && requestToken is null)
            throw new InvalidOperationException("A fragment with forms is kept only with the token to mark in it.");
        var stored = requestToken is null ? html : html.Replace(requestToken, TokenMark, StringComparison.Ordinal);
        // Every form's token must have become the mark; a token of another kind would be served to everyone, so such a
        // fragment is shown to this reader only.
        if (Occurrences(stored, TokenField) != Occurrences(stored, TokenMark)) return html;
        _fragments.Set(key, new Fragment(stored.Split(TokenMark)), new MemoryCacheEntryOptions
        {
            Size = stored.Length + key.Query.Length,
            // A new stamp makes an entry unreachable at once; the sliding time frees it soon after.
            SlidingExpiration = CatalogOutputCache.Lifetime,
        });
        return html;
    }

    /// <summary>
    /// Data of the catalog (a listing as its page shows it) read once per stamp and shared, with null kept too (no such
    /// listing in the catalog). The key must hold the stamp; <paramref name="size"/> is a rough size in characters.
    /// </summary>
    public async Task<T?> SharedAsync<T>(object key, Func<Task<T?>> read, int size = 1024) where T : class
    {
        if (_fragments.TryGetValue(key, out Shared<T>? kept) && kept is not null) return kept.Value;
        var value = await read();
        _fragments.Set(key, new Shared<T>(value), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = CatalogOutputCache.Lifetime });
        return value;
    }

    private sealed record Shared<T>(T? Value);

    /// <summary>How every form's hidden token field begins: each must have become a mark before a page or fragment is shared.</summary>
    internal const string TokenField = "name=\"__RequestVerificationToken\"";

    internal static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public void Dispose() => _fragments.Dispose();
}
