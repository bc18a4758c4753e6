namespace Storefront.Core.Ordering;

public static class TextExtensions
{
    /// <summary>What a person typed, trimmed; null when they typed nothing but spaces. Optional fields are stored so.</summary>
    public static string? TrimmedOrNull(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
