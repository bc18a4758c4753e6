using System.Text.RegularExpressions;

namespace Storefront.Core.Photos;

public enum PhotoFormat { WebP, Jpeg }

/// <summary>
/// The sizes a photo is kept in, named {hash}-{long side}.{webp|jpg}. A photo is never enlarged: it has the
/// standard sizes up to its own long side.
/// </summary>
public static partial class PhotoVariants
{
    public static readonly int[] StandardLongSides = [320, 800, 1600];
    public const int MinimumLongSide = 320;

    public static IReadOnlyList<int> LongSidesFor(int width, int height)
    {
        var longSide = Math.Max(width, height);
        return StandardLongSides.Where(s => s <= longSide).ToList();
    }

    public static string Name(string contentHash, int longSide, PhotoFormat format) =>
        $"{contentHash}-{longSide}.{(format == PhotoFormat.WebP ? "webp" : "jpg")}";

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex("^[0-9a-f]{32}-(320|800|1600)\\.(webp|jpg)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
