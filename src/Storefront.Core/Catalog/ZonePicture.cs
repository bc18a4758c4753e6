namespace Storefront.Core.Catalog;

/// <summary>The zones (专区) of the home page: one per category, and one per region of origin (a prefecture, or a province's own counties).</summary>
public enum ZoneKind { Category, Region }

/// <summary>
/// The picture an admin chose for a zone of the home page: one of the listings' photos or a photo uploaded for it,
/// processed like every listing photo and named by its content in the photo store. A zone without one shows the main
/// photo of its newest listing.
/// </summary>
public class ZonePicture
{
    public const int KeyMaxLength = 40;

    public int Id { get; private set; }
    public ZoneKind Kind { get; init; }
    /// <summary>The category's slug, or the region's division code (as the home page's links name them).</summary>
    public required string ZoneKey { get; init; }
    public required string ContentHash { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>The listing whose photo was chosen; null for an uploaded one.</summary>
    public int? FromListingId { get; set; }
    public DateTime ChosenAtUtc { get; set; }
    public string? ChosenByUserId { get; set; }
}
