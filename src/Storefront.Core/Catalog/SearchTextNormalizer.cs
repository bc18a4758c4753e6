using System.Text;

namespace Storefront.Core.Catalog;

/// <summary>
/// Search in Chinese is substring search: there are no spaces between words, so "莓茶" must find "永顺莓茶".
/// Text and queries are normalised the same way: full-width forms to half-width, lower case, runs of space to one.
/// </summary>
public static class SearchTextNormalizer
{
    public const int MaxQueryLength = 100;
    public const int MaxTerms = 5;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                _ => raw,
            };
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The terms of a query, each to be found as a substring (literally: '%' and '_' are not wildcards).
    /// Over-long queries are cut rather than refused.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        var normalized = Normalize(query);
        if (normalized.Length > MaxQueryLength) normalized = normalized[..MaxQueryLength];
        return normalized
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Distinct()
            .Take(MaxTerms)
            .ToList();
    }
}
