namespace Storefront.Platform832.ReferenceData;

/// <summary>
/// Suggests the platform category for a shop category by name: the same name first, then a name that contains the
/// other (水果 → 新鲜水果), then the most characters in common; a leaf before a group, and the candidate under the group
/// most like the shop category's own group. Only a suggestion: an admin accepts it or picks another.
/// </summary>
public static class CategorySuggestions
{
    public sealed record Candidate(string Code, string Name, string? ParentCode);

    /// <summary>The best candidate, or null when no name shares a character with the shop category's.</summary>
    public static Candidate? Suggest(string shopName, string? shopGroupName, IReadOnlyList<Candidate> platform)
    {
        var byCode = platform.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var parents = platform.Where(c => c.ParentCode is not null).Select(c => c.ParentCode!).ToHashSet(StringComparer.Ordinal);
        Candidate? best = null;
        var bestScore = 0.0;
        foreach (var candidate in platform)
        {
            var score = NameScore(shopName, candidate.Name);
            if (score <= 0) continue;
            if (!parents.Contains(candidate.Code)) score += 0.5; // a leaf: where products go
            if (shopGroupName is not null && candidate.ParentCode is { } parent && byCode.TryGetValue(parent, out var group))
                score += NameScore(shopGroupName, group.Name) / 10;
            if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(candidate.Code, best.Code) < 0))
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>3 for the same name, 2 when one contains the other, otherwise the share of characters in common (0 to 1).</summary>
    public static double NameScore(string a, string b)
    {
        a = a.Trim();
        b = b.Trim();
        if (a.Length == 0 || b.Length == 0) return 0;
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return 3;
        if (a.Contains(b, StringComparison.OrdinalIgnoreCase) || b.Contains(a, StringComparison.OrdinalIgnoreCase)) return 2;
        var common = a.Distinct().Count(b.Contains);
        return 2.0 * common / (a.Distinct().Count() + b.Distinct().Count());
    }
}
