using System.IO.Compression;
using Storefront.Core.Photos;

namespace Storefront.Core.Fapiao;

/// <summary>
/// Takes a fapiao's file: a PDF, or an OFD (the Chinese fixed-layout format of GB/T 33190, which the tax system issues):
/// recognised by their bytes, whatever the name or the browser says, and at most <see cref="MaxBytes"/>.
/// </summary>
public static class FapiaoFiles
{
    /// <summary>An electronic fapiao is some 100 KB; a scan of a paper one stays well under this.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    public enum Problem { None, Empty, TooLarge, UnsupportedType }

    public sealed record DetectedType(string ContentType, string Extension);

    public static readonly DetectedType Pdf = new("application/pdf", ".pdf");
    public static readonly DetectedType Ofd = new("application/ofd", ".ofd");

    /// <summary>A PDF starts with %PDF- and, unless cut off, ends with its end-of-file marker; an OFD is a ZIP package with OFD.xml at its root.</summary>
    public static DetectedType? Detect(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("%PDF-"u8)) return span[Math.Max(0, span.Length - 1024)..].IndexOf("%%EOF"u8) >= 0 ? Pdf : null;
        if (span.StartsWith("PK\u0003\u0004"u8) && IsOfdPackage(bytes)) return Ofd;
        return null;
    }

    // Only the ZIP's central directory is read: nothing is decompressed, so a ZIP bomb costs nothing here.
    private static bool IsOfdPackage(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Any(e => e.FullName == "OFD.xml" && e.Length > 0);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public sealed record Upload(byte[] Bytes, DetectedType Type, string FileName);

    public static async Task<(Upload? Upload, Problem Problem)> ReadAsync(Stream upload, string? fileName, CancellationToken ct = default)
    {
        var bytes = await Uploads.ReadAtMostAsync(upload, MaxBytes, ct);
        if (bytes is null) return (null, Problem.TooLarge);
        if (bytes.Length == 0) return (null, Problem.Empty);
        var type = Detect(bytes);
        if (type is null) return (null, Problem.UnsupportedType);
        // The name shown and downloaded: no folder, cut to fit, with the extension of the type it really is.
        return (new Upload(bytes, type, Suppliers.SupplierDocuments.DisplayName(fileName, type.Extension)), Problem.None);
    }
}
