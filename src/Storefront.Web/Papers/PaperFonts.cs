using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Storefront.Web.Papers;

/// <summary>
/// The two fonts the papers print with, read from the assembly (Papers/Fonts/README.md says why these): DejaVu Sans for
/// Latin, digits and ASCII punctuation, Droid Sans Fallback for Chinese. PDFsharp finds fonts through one process-wide
/// resolver, installed once before the first paper is drawn; bold is simulated, as neither font ships a bold face.
/// </summary>
public sealed class PaperFonts : IFontResolver
{
    public const string Latin = "DejaVu Sans";
    public const string Chinese = "Droid Sans Fallback";

    private static readonly Lock Installing = new();
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private static readonly Dictionary<string, string> Faces = new(StringComparer.OrdinalIgnoreCase)
    {
        [Latin] = "DejaVuSans",
        [Chinese] = "DroidSansFallbackFull",
    };

    private PaperFonts() { }

    /// <summary>Installs the resolver once; PDFsharp refuses a change of resolver after it has been used.</summary>
    public static void Install()
    {
        lock (Installing)
        {
            if (GlobalFontSettings.FontResolver is PaperFonts) return;
            GlobalFontSettings.FontResolver = new PaperFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Faces.TryGetValue(familyName, out var face) ? new FontResolverInfo(face, bold, italic) : new FontResolverInfo(Faces[Chinese], bold, italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(PaperFonts).Assembly.GetManifestResourceStream($"Storefront.Web.Papers.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName}.ttf is not embedded in Storefront.Web (see Papers/Fonts/README.md).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static XFont Font(string family, double size, bool bold) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>Which font prints a character: DejaVu Sans has no CJK, Droid Sans Fallback no Latin.</summary>
    public static string FamilyFor(char c) => c < '\u2E80' && !char.IsSurrogate(c) ? Latin : Chinese;
}
