using Microsoft.Extensions.Logging.Abstractions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;
using Storefront.Core.Photos;
using Storefront.Web.Photos;

namespace Storefront.Web.Tests.Photos;

/// <summary>The photo pipeline, on images made here: what it refuses (and why), and what it keeps of what it accepts.</summary>
public class ImageSharpPhotoProcessorTests
{
    private readonly MemoryPhotoStore _store = new();

    private ImageSharpPhotoProcessor Processor() => new(_store, NullLogger<ImageSharpPhotoProcessor>.Instance);

    private Task<PhotoResult> ProcessAsync(byte[] upload) => Processor().ProcessAsync(new MemoryStream(upload));

    private Image<Rgba32> Stored(PhotoResult result, int longSide, PhotoFormat format) =>
        Image.Load<Rgba32>(_store.Files[PhotoVariants.Name(result.ContentHash!, longSide, format)]);

    [Fact]
    public async Task AJpegWithGpsAndOtherMetadataComesOutWithNone()
    {
        using var image = TestImages.TwoColours();
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(28, 1), new Rational(59, 1), new Rational(3, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(109, 1), new Rational(51, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Make, "PhoneMaker");
        image.Metadata.ExifProfile = exif;
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.City, "永顺");
        image.Metadata.IptcProfile = iptc;
        image.Metadata.XmpProfile = new XmpProfile(System.Text.Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>"));
        var upload = TestImages.Encode(image, new JpegEncoder { Quality = 90 });
        // The upload really carries the location.
        Assert.NotNull(Image.Identify(upload)!.Metadata.ExifProfile!.GetValue(ExifTag.GPSLatitude));

        var result = await ProcessAsync(upload);
        Assert.True(result.Accepted, result.Refusal.ToString());
        foreach (var format in new[] { PhotoFormat.Jpeg, PhotoFormat.WebP })
        {
            foreach (var side in PhotoVariants.LongSidesFor(result.Width, result.Height))
            {
                using var stored = Stored(result, side, format);
                Assert.Null(stored.Metadata.ExifProfile?.GetValue(ExifTag.GPSLatitude));
                Assert.Null(stored.Metadata.ExifProfile?.GetValue(ExifTag.Make));
                Assert.Null(stored.Metadata.IptcProfile);
                Assert.Null(stored.Metadata.XmpProfile);
            }
        }
        // Not even the bytes of the make or the city survive anywhere in the stored files.
        Assert.All(_store.Files.Values, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf("PhoneMaker"u8)));
    }

    [Fact]
    public async Task ARotatedPhotoComesOutUpright()
    {
        // Stored sideways, as a phone held upright stores it, with the EXIF orientation "rotate 90° clockwise to show".
        using var image = TestImages.TwoColours(600, 400);
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        var result = await ProcessAsync(TestImages.Encode(image, new JpegEncoder { Quality = 95 }));

        Assert.True(result.Accepted, result.Refusal.ToString());
        Assert.Equal((400, 600), (result.Width, result.Height));
        using var stored = Stored(result, 320, PhotoFormat.Jpeg);
        Assert.Equal((213, 320), (stored.Width, stored.Height));
        // The left of the stored picture (red) is at the top once upright; the right (blue) at the bottom.
        Assert.True(IsRed(stored[106, 40]), stored[106, 40].ToString());
        Assert.True(IsBlue(stored[106, 280]), stored[106, 280].ToString());
        Assert.Null(stored.Metadata.ExifProfile?.GetValue(ExifTag.Orientation));
    }

    private static bool IsRed(Rgba32 p) => p.R > 180 && p.B < 90;
    private static bool IsBlue(Rgba32 p) => p.B > 160 && p.R < 90;

    [Fact]
    public async Task APngDeclaringTenBillionPixelsIsRefusedFromItsHeaderWithoutDecoding()
    {
        var upload = TestImages.PngDeclaring(100_000, 100_000);
        Assert.True(upload.Length < 100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = Processor().ProcessAsync(new MemoryStream(upload));
        // Everything up to the refusal runs on this thread, so this thread's allocations are all the work it did.
        Assert.True(task.IsCompleted);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(PhotoRefusal.TooManyPixels, (await task).Refusal);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated");
        Assert.Empty(_store.Files);
    }

    [Theory]
    [InlineData(12_001, 1000)]
    [InlineData(8000, 6000)]
    public async Task RefusesMoreThanFortyMegapixelsOrTwelveThousandPixelsOnASide(int width, int height) =>
        Assert.Equal(PhotoRefusal.TooManyPixels, (await ProcessAsync(TestImages.PngDeclaring(width, height))).Refusal);

    [Fact]
    public async Task ATruncatedJpegIsRefusedAsDamaged()
    {
        var jpeg = TestImages.Jpeg();
        Assert.Equal(PhotoRefusal.Damaged, (await ProcessAsync(jpeg[..(jpeg.Length * 3 / 5)])).Refusal);
        Assert.Empty(_store.Files);
    }

    [Theory]
    [InlineData("png", 2)]
    [InlineData("png", 5)]
    [InlineData("webp", 2)]
    [InlineData("webp", 5)]
    public async Task ATruncatedPngOrWebPIsRefusedAsDamaged(string format, int fifths)
    {
        var whole = format == "png" ? TestImages.Png() : TestImages.WebP();
        Assert.Equal(PhotoRefusal.Damaged, (await ProcessAsync(whole[..(whole.Length * fifths / 6)])).Refusal);
    }

    [Fact]
    public async Task AValidHeaderFollowedByNoiseIsRefusedAsDamaged()
    {
        foreach (var whole in new[] { TestImages.Png(), TestImages.WebP(), TestImages.Jpeg() })
        {
            var noisy = (byte[])whole.Clone();
            new Random(42).NextBytes(noisy.AsSpan(noisy.Length / 3, noisy.Length / 3));
            var result = await ProcessAsync(noisy);
            // Noise in compressed data may still decode to a (garbled) picture; what matters is a clear answer, never an exception.
            Assert.True(result.Accepted || result.Refusal == PhotoRefusal.Damaged, result.Refusal.ToString());
        }
    }

    [Fact]
    public async Task ATextFileNamedLikeAPhotoIsRefusedAsNotAnImage() =>
        Assert.Equal(PhotoRefusal.UnsupportedFormat, (await ProcessAsync("这不是照片，只是一个改名为 .jpg 的文本文件。"u8.ToArray())).Refusal);

    [Fact]
    public async Task AnHtmlJpegPolyglotIsRefused()
    {
        var polyglot = TestImages.HtmlJpegPolyglot();
        // It is a JPEG a decoder reads without complaint...
        Assert.Equal(800, Image.Identify(polyglot)!.Width);
        // ...and still refused for the markup it carries.
        Assert.Equal(PhotoRefusal.EmbeddedMarkup, (await ProcessAsync(polyglot)).Refusal);
    }

    [Fact]
    public async Task AGifIsRefused() =>
        Assert.Equal(PhotoRefusal.UnsupportedFormat, (await ProcessAsync(TestImages.Gif())).Refusal);

    [Fact]
    public async Task AnSvgIsRefused() =>
        Assert.Equal(PhotoRefusal.UnsupportedFormat, (await ProcessAsync(
            "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"600\"><script>alert(1)</script><rect width=\"800\" height=\"600\"/></svg>"u8.ToArray())).Refusal);

    [Fact]
    public async Task RefusesAnEmptyFileATinyPhotoAndAFileOverFifteenMegabytes()
    {
        Assert.Equal(PhotoRefusal.Empty, (await ProcessAsync([])).Refusal);
        Assert.Equal(PhotoRefusal.TooSmall, (await ProcessAsync(TestImages.Png(200, 150))).Refusal);
        var huge = new byte[IPhotoProcessor.MaxBytes + 1];
        TestImages.Jpeg().CopyTo(huge, 0);
        Assert.Equal(PhotoRefusal.TooLarge, (await ProcessAsync(huge)).Refusal);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    public async Task StoresEachAcceptedFormatAsWebPAndJpegInTheStandardSizesButNeverTheUpload(string format)
    {
        var upload = format switch { "jpeg" => TestImages.Jpeg(2000, 1500), "png" => TestImages.Png(2000, 1500), _ => TestImages.WebP(2000, 1500) };
        var result = await ProcessAsync(upload);
        Assert.True(result.Accepted, result.Refusal.ToString());
        Assert.Matches("^[0-9a-f]{32}$", result.ContentHash);
        var expected = new[] { 320, 800, 1600 }.SelectMany(s => new[] { PhotoVariants.Name(result.ContentHash!, s, PhotoFormat.WebP), PhotoVariants.Name(result.ContentHash!, s, PhotoFormat.Jpeg) });
        Assert.Equal(expected.Order(), _store.Files.Keys.Order());
        Assert.DoesNotContain(_store.Files.Values, bytes => bytes.AsSpan().SequenceEqual(upload));
        using var largest = Stored(result, 1600, PhotoFormat.WebP);
        Assert.Equal((1600, 1200), (largest.Width, largest.Height));
    }

    [Fact]
    public async Task APhotoIsNeverEnlargedAndTheSameUploadIsStoredOnce()
    {
        var upload = TestImages.Jpeg(500, 400);
        var first = await ProcessAsync(upload);
        var second = await ProcessAsync(upload);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(2, _store.Files.Count); // 320 px, as WebP and JPEG: 500 px is below the next size
    }
}
