namespace Storefront.Core.Photos;

public enum PhotoRefusal
{
    Empty,
    TooLarge,
    UnsupportedFormat,
    TooManyPixels,
    TooSmall,
    Damaged,
    EmbeddedMarkup,
}

/// <summary>A photo that passed every check and was stored in its sizes, or why it was refused.</summary>
public sealed record PhotoResult(string? ContentHash, int Width, int Height, PhotoRefusal? Refusal)
{
    public bool Accepted => Refusal is null;
    public static PhotoResult Refused(PhotoRefusal why) => new(null, 0, 0, why);
}

/// <summary>Checks an uploaded photo before decoding it, then orients, strips and resizes it into the store.</summary>
public interface IPhotoProcessor
{
    public const long MaxBytes = 15 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;
    public const int MaxSide = 12_000;

    Task<PhotoResult> ProcessAsync(Stream upload, CancellationToken ct = default);

    /// <summary>
    /// The checks made before anything is decoded (format from the bytes, markup hidden in them, dimensions from the
    /// header, a complete file), for images kept as uploaded (a supplier's licence scan): null when they pass.
    /// </summary>
    PhotoRefusal? Inspect(byte[] bytes);
}
