namespace Storefront.Core.Photos;

/// <summary>Uploaded files (photos, licences) are read into memory, and refused as soon as they pass their limit.</summary>
public static class Uploads
{
    /// <summary>The whole upload, or null when it is larger than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream upload, long maxBytes, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
