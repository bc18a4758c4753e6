using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Storefront.Testing;

/// <summary>
/// Reads back the PDFs the shop writes, offline: their text as PdfPig extracts it (through each font's ToUnicode map,
/// as a reader's copy and paste would), and the QR codes among their images, decoded by ZXing as a phone would.
/// </summary>
public static class PdfPapers
{
    /// <summary>Every page's text in reading order, one line of the page per line.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
    }

    /// <summary>The text with all white space taken out, for checking words that the layout may space apart.</summary>
    public static string Compact(byte[] pdf) => new(Text(pdf).Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>What each QR code among the pages' images says.</summary>
    public static IReadOnlyList<string> QrCodes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var found = new List<string>();
        foreach (var image in document.GetPages().SelectMany(p => p.GetImages()))
        {
            if (!image.TryGetPng(out var png)) continue;
            using var decoded = Image.Load<L8>(png);
            var pixels = new byte[decoded.Width * decoded.Height];
            decoded.CopyPixelDataTo(pixels);
            var source = new RGBLuminanceSource(pixels, decoded.Width, decoded.Height, RGBLuminanceSource.BitmapFormat.Gray8);
            var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
            if (result is not null) found.Add(result.Text);
        }
        return found;
    }
}
