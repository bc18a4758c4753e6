using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Processing;
using Storefront.Core.Photos;

namespace Storefront.Web.Photos;

/// <summary>
/// The photo pipeline: every check that can be made without decoding is made first (size, format from the bytes,
/// dimensions from the header), because a small file can declare a huge image. Accepted photos are turned upright,
/// stripped of every metadata profile (EXIF with GPS, XMP, IPTC; the ICC colour profile stays) and stored as WebP and
/// JPEG in the standard sizes. The upload itself is never stored or served.
/// </summary>
public sealed class ImageSharpPhotoProcessor(IPhotoStore store, ILogger<ImageSharpPhotoProcessor> logger) : IPhotoProcessor
{
    // Only the three accepted formats are known to this configuration, so nothing else is ever decoded.
    private static readonly Configuration Decoding = CreateConfiguration();

    // Decoding a 40-megapixel photo takes ~160 MB; at most two at once keeps a small machine out of trouble.
    private static readonly SemaphoreSlim Gate = new(2);

    private static readonly byte[][] MarkupSignatures =
        ["<script"u8.ToArray(), "<html"u8.ToArray(), "<!doctype"u8.ToArray(), "<svg"u8.ToArray(), "<?php"u8.ToArray(), "<iframe"u8.ToArray(), "<body"u8.ToArray()];

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(new JpegConfigurationModule(), new PngConfigurationModule(), new WebpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 64 }),
        };
        return configuration;
    }

    public async Task<PhotoResult> ProcessAsync(Stream upload, CancellationToken ct = default)
    {
        var bytes = await Uploads.ReadAtMostAsync(upload, IPhotoProcessor.MaxBytes, ct);
        if (bytes is null) return PhotoResult.Refused(PhotoRefusal.TooLarge);
        if (bytes.Length == 0) return PhotoResult.Refused(PhotoRefusal.Empty);

        var (refusal, info) = InspectHeader(bytes);
        if (refusal is not null) return PhotoResult.Refused(refusal.Value);
        if (Math.Max(info!.Width, info.Height) < PhotoVariants.MinimumLongSide) return PhotoResult.Refused(PhotoRefusal.TooSmall);

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
        await Gate.WaitAsync(ct);
        try
        {
            Image image;
            try
            {
                image = Image.Load(Decoding, new MemoryStream(bytes, writable: false));
            }
            catch (Exception e) when (IsDecodingFailure(e))
            {
                logger.LogInformation(e, "A photo upload could not be decoded");
                return PhotoResult.Refused(PhotoRefusal.Damaged);
            }
            using var _ = image;
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);
            foreach (var longSide in PhotoVariants.LongSidesFor(image.Width, image.Height))
            {
                if (await store.ExistsAsync(PhotoVariants.Name(hash, longSide, PhotoFormat.Jpeg), ct)) continue;
                using var sized = image.Clone(x => x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(longSide, longSide) }));
                // Encoding effort 2 of 6: a few percent larger files for about half the time, since a supplier waits for it.
                await store.SaveAsync(PhotoVariants.Name(hash, longSide, PhotoFormat.WebP), Encode(sized, new WebpEncoder { Quality = 80, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level2 }), ct);
                await store.SaveAsync(PhotoVariants.Name(hash, longSide, PhotoFormat.Jpeg), Encode(sized, new JpegEncoder { Quality = 82 }), ct);
            }
            return new PhotoResult(hash, image.Width, image.Height, null);
        }
        finally
        {
            Gate.Release();
        }
    }

    public PhotoRefusal? Inspect(byte[] bytes) => bytes.Length == 0 ? PhotoRefusal.Empty : InspectHeader(bytes).Refusal;

    /// <summary>Everything that can be checked without decoding the pixels; a small file can declare a huge image.</summary>
    private static (PhotoRefusal? Refusal, IImageInfo? Info) InspectHeader(byte[] bytes)
    {
        var format = Image.DetectFormat(Decoding, bytes);
        if (format is null) return (PhotoRefusal.UnsupportedFormat, null);
        if (ContainsMarkup(bytes)) return (PhotoRefusal.EmbeddedMarkup, null);

        IImageInfo? info;
        try { info = Image.Identify(Decoding, new MemoryStream(bytes, writable: false), out _); }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            return (PhotoRefusal.Damaged, null);
        }
        if (info is null) return (PhotoRefusal.Damaged, null);
        if (info.Width > IPhotoProcessor.MaxSide || info.Height > IPhotoProcessor.MaxSide
            || (long)info.Width * info.Height > IPhotoProcessor.MaxPixels)
            return (PhotoRefusal.TooManyPixels, info);
        if (format is JpegFormat && !JpegIsComplete(bytes)) return (PhotoRefusal.Damaged, info);
        if (format is WebpFormat && !WebPIsComplete(bytes)) return (PhotoRefusal.Damaged, info);
        return (null, info);
    }

    /// <summary>
    /// Whatever a decoder throws on malformed bytes (its own format errors, and index or stream errors from deep inside
    /// it) means the upload is damaged: the person gets that answer, not an error page. Cancellation is not a failure.
    /// </summary>
    private static bool IsDecodingFailure(Exception e) => e is not (OperationCanceledException or OutOfMemoryException);

    private static void StripMetadata(Image image)
    {
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
        }
    }

    private static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    /// <summary>HTML or script hidden in an image (a polyglot) is refused even though it would be re-encoded away.</summary>
    internal static bool ContainsMarkup(ReadOnlySpan<byte> bytes)
    {
        foreach (var signature in MarkupSignatures)
        {
            if (IndexOfIgnoreAsciiCase(bytes, signature) >= 0) return true;
        }
        return false;
    }

    private static int IndexOfIgnoreAsciiCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = haystack.IndexOf(needle[0]); i >= 0 && i <= haystack.Length - needle.Length;)
        {
            var match = true;
            for (var j = 1; j < needle.Length; j++)
            {
                if ((haystack[i + j] | 0x20) != needle[j]) { match = false; break; }
            }
            if (match) return i;
            var next = haystack[(i + 1)..].IndexOf(needle[0]);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return -1;
    }

    /// <summary>
    /// Like a JPEG, a cut-off WebP decodes to a half-grey picture; its RIFF header says how long the file must be.
    /// </summary>
    internal static bool WebPIsComplete(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes.Length - 8 >= System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..8]);

    /// <summary>
    /// The decoder fills a cut-off JPEG with grey rather than failing, so completeness is checked by hand: after the
    /// last start-of-scan marker there must be an end-of-image marker.
    /// </summary>
    internal static bool JpegIsComplete(ReadOnlySpan<byte> bytes)
    {
        var lastScan = -1;
        for (var i = bytes.Length - 2; i >= 0; i--)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xDA) { lastScan = i; break; }
        }
        if (lastScan < 0) return false;
        for (var i = lastScan + 2; i < bytes.Length - 1; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xD9) return true;
        }
        return false;
    }
}
