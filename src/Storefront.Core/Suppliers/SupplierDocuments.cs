using Storefront.Core.Photos;

namespace Storefront.Core.Suppliers;

/// <summary>
/// Takes a licence upload: at most <see cref="MaxBytes"/>, and a JPEG, PNG, WebP image or a PDF as found from its bytes,
/// whatever its name or the browser says. The file is stored under a random name; the record is added to the supplier
/// for the caller to save.
/// </summary>
public sealed class SupplierDocuments(ISupplierDocumentStore store, TimeProvider clock)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerSupplier = 10;

    public enum Problem { None, Empty, TooLarge, UnsupportedType, TooMany, ImageTooManyPixels, ImageDamaged, ImageWithMarkup }

    public sealed record DetectedType(string ContentType, string Extension);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The type of a document from its first bytes; null for anything but the four accepted types.</summary>
    public static DetectedType? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return new("image/jpeg", ".jpg");
        if (bytes.StartsWith(Png)) return new("image/png", ".png");
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return new("image/webp", ".webp");
        // A PDF starts with its header and, unless cut off, ends with an end-of-file marker.
        if (bytes.StartsWith("%PDF-"u8) && bytes[Math.Max(0, bytes.Length - 1024)..].IndexOf("%%EOF"u8) >= 0) return new("application/pdf", ".pdf");
        return null;
    }

    /// <summary>An upload that passed the checks, ready to be stored.</summary>
    public sealed record Upload(byte[] Bytes, DetectedType Type, string FileName);

    /// <summary>Reads and checks an upload without storing anything, so that a form can check all its files first.
    /// An image gets the photo checks (<see cref="IPhotoProcessor.Inspect"/>): it is kept and shown to admins as uploaded,
    /// so an image bomb or a polyglot must not get in this way either.</summary>
    public static async Task<(Upload? Upload, Problem Problem)> ReadAsync(Stream upload, string? fileName, IPhotoProcessor images, CancellationToken ct = default)
    {
        var bytes = await Uploads.ReadAtMostAsync(upload, MaxBytes, ct);
        if (bytes is null) return (null, Problem.TooLarge);
        if (bytes.Length == 0) return (null, Problem.Empty);
        var type = Detect(bytes);
        if (type is null) return (null, Problem.UnsupportedType);
        if (type.ContentType.StartsWith("image/", StringComparison.Ordinal))
        {
            switch (images.Inspect(bytes))
            {
                case null: break;
                case PhotoRefusal.TooManyPixels: return (null, Problem.ImageTooManyPixels);
                case PhotoRefusal.EmbeddedMarkup: return (null, Problem.ImageWithMarkup);
                case PhotoRefusal.UnsupportedFormat: return (null, Problem.UnsupportedType);
                default: return (null, Problem.ImageDamaged);
            }
        }
        return (new Upload(bytes, type, DisplayName(fileName, type.Extension)), Problem.None);
    }

    /// <summary>Stores a checked upload under a new random name and adds its record to the supplier, for the caller to save.</summary>
    public async Task<SupplierDocument> StoreAsync(Supplier supplier, SupplierDocumentKind kind, Upload upload, string? userId, CancellationToken ct = default)
    {
        var storedName = Guid.NewGuid().ToString("N") + upload.Type.Extension;
        await store.SaveAsync(storedName, upload.Bytes, ct);
        var document = new SupplierDocument
        {
            Kind = kind,
            StoredName = storedName,
            ContentType = upload.Type.ContentType,
            FileName = upload.FileName,
            Length = upload.Bytes.Length,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedByUserId = userId,
        };
        supplier.Documents.Add(document);
        return document;
    }

    /// <summary>The uploaded name without any folder, cut to fit, with the extension of the type it really is.</summary>
    public static string DisplayName(string? fileName, string extension)
    {
        var name = Path.GetFileNameWithoutExtension((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0) name = "document";
        var max = SupplierDocument.FileNameMaxLength - extension.Length;
        return (name.Length > max ? name[..max] : name) + extension;
    }
}
