using System.Buffers.Binary;
using System.Collections.Concurrent;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using Storefront.Core.Photos;

namespace Storefront.Web.Tests.Photos;

/// <summary>Images made in the tests, so that each one shows exactly the case it is about.</summary>
public static class TestImages
{
    /// <summary>A photo of two colours: the left half red, the right half blue.</summary>
    public static Image<Rgba32> TwoColours(int width = 800, int height = 600)
    {
        var image = new Image<Rgba32>(width, height, new Rgba32(30, 60, 200));
        var red = new Rgba32(220, 30, 30);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++) rows.GetRowSpan(y)[..(width / 2)].Fill(red);
        });
        return image;
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var output = new MemoryStream();
        image.Save(output, encoder);
        return output.ToArray();
    }

    public static byte[] Jpeg(int width = 800, int height = 600)
    {
        using var image = TwoColours(width, height);
        return Encode(image, new JpegEncoder { Quality = 90 });
    }

    public static byte[] Png(int width = 800, int height = 600)
    {
        using var image = TwoColours(width, height);
        return Encode(image, new PngEncoder());
    }

    public static byte[] WebP(int width = 800, int height = 600)
    {
        using var image = TwoColours(width, height);
        return Encode(image, new WebpEncoder { Quality = 80 });
    }

    public static byte[] Gif()
    {
        using var image = TwoColours();
        return Encode(image, new GifEncoder());
    }

    /// <summary>A valid JPEG carrying HTML in a comment segment: a browser sniffing it as HTML would run the script.</summary>
    public static byte[] HtmlJpegPolyglot()
    {
        var jpeg = Jpeg();
        var html = "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();
        var segment = new byte[4 + html.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE; // COM
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(html.Length + 2));
        html.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A PNG of a few dozen bytes whose header declares width × height pixels (100,000² would be 40 GB decoded).</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // truecolour
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        byte[] idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
        return [.. signature, .. Chunk("IHDR", header), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}

/// <summary>A photo store in memory, to see exactly what the pipeline keeps.</summary>
public sealed class MemoryPhotoStore : IPhotoStore
{
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public Task<bool> ExistsAsync(string name, CancellationToken ct = default) => Task.FromResult(Files.ContainsKey(name));

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        Files[name] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default) =>
        Task.FromResult<Stream?>(Files.TryGetValue(name, out var bytes) ? new MemoryStream(bytes) : null);
}
