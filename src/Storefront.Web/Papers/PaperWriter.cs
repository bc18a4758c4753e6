using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Storefront.Web.Papers;

/// <summary>
/// Writes an A4 paper from the top down: headings, label–value facts, tables that wrap their cells and continue on a
/// new page, and a QR code. Text is drawn in runs of one font each (see <see cref="PaperFonts"/>), so that a line
/// mixing Chinese and digits prints with both fonts.
/// </summary>
public sealed class PaperWriter : IDisposable
{
    public const double Margin = 42;
    private const double LineGap = 1.35;

    private readonly PdfDocument _document = new();
    private XGraphics _graphics = null!;
    private PdfPage _page = null!;
    private readonly string _footer;

    public double Y { get; set; }
    public double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin - 20;

    public PaperWriter(string title, string footer)
    {
        PaperFonts.Install();
        _document.Info.Title = title;
        _document.Info.Creator = "Storefront";
        _footer = footer;
        NewPage();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        Y = Margin;
        Draw(_footer, Margin, _page.Height.Point - Margin, 8, false, XBrushes.Gray);
    }

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points are left on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Title(string text, double size = 18)
    {
        Need(size * 2);
        var width = Measure(text, size, true);
        Draw(text, Margin + (Width - width) / 2, Y + size, size, true);
        Y += size * 2;
    }

    public void Paragraph(string text, double size = 10, bool bold = false)
    {
        foreach (var line in Wrap(text, Width, size, bold))
        {
            Need(size * LineGap);
            Draw(line, Margin, Y + size, size, bold);
            Y += size * LineGap;
        }
    }

    /// <summary>Label–value pairs in two columns of pairs.</summary>
    public void Facts(IReadOnlyList<(string Label, string Value)> facts, double size = 10)
    {
        var half = Width / 2;
        const double labelWidth = 80;
        for (var i = 0; i < facts.Count; i += 2)
        {
            var rowHeight = 0.0;
            for (var j = 0; j < 2 && i + j < facts.Count; j++)
            {
                var lines = Wrap(facts[i + j].Value, half - labelWidth - 8, size, false);
                rowHeight = Math.Max(rowHeight, lines.Count * size * LineGap);
            }
            Need(rowHeight);
            for (var j = 0; j < 2 && i + j < facts.Count; j++)
            {
                var x = Margin + j * half;
                Draw(facts[i + j].Label, x, Y + size, size, true);
                var y = Y;
                foreach (var line in Wrap(facts[i + j].Value, half - labelWidth - 8, size, false))
                {
                    Draw(line, x + labelWidth, y + size, size, false);
                    y += size * LineGap;
                }
            }
            Y += rowHeight + 2;
        }
        Y += 6;
    }

    public sealed record Column(string Header, double Share, bool Number = false);

    /// <summary>A table with ruled rows; each cell wraps within its column, and the header repeats on a new page.</summary>
    public void Table(IReadOnlyList<Column> columns, IReadOnlyList<IReadOnlyList<string>> rows, double size = 9.5)
    {
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => Width * c.Share / total).ToArray();
        const double pad = 4;

        void Row(IReadOnlyList<string> cells, bool header)
        {
            var wrapped = cells.Select((cell, i) => Wrap(cell, widths[i] - 2 * pad, size, header)).ToList();
            var height = wrapped.Max(w => w.Count) * size * LineGap + 2 * pad;
            if (Y + height > Bottom)
            {
                NewPage();
                if (!header) Row(columns.Select(c => c.Header).ToList(), true);
            }
            if (header) _graphics.DrawRectangle(XBrushes.Gainsboro, Margin, Y, Width, height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var y = Y + pad;
                foreach (var line in wrapped[i])
                {
                    var left = columns[i].Number ? x + widths[i] - pad - Measure(line, size, header) : x + pad;
                    Draw(line, left, y + size, size, header);
                    y += size * LineGap;
                }
                _graphics.DrawRectangle(XPens.DarkGray, x, Y, widths[i], height);
                x += widths[i];
            }
            Y += height;
        }

        Row(columns.Select(c => c.Header).ToList(), true);
        foreach (var row in rows) Row(row, false);
        Y += 10;
    }

    /// <summary>A QR code image (BMP or PNG) at the right margin, with its caption beside it; <paramref name="side"/> in points.</summary>
    public void QrCode(byte[] image, double side, IReadOnlyList<string> caption, double size = 8.5)
    {
        Need(side + 4);
        using var picture = XImage.FromStream(new MemoryStream(image, writable: false));
        // No smoothing: each module stays a crisp square for a phone's camera.
        picture.Interpolate = false;
        var left = Margin + Width - side;
        _graphics.DrawImage(picture, left, Y, side, side);
        var y = Y + 4;
        foreach (var line in caption.SelectMany(c => Wrap(c, Width - side - 12, size, false)))
        {
            Draw(line, Margin, y + size, size, false);
            y += size * LineGap;
        }
        Y += side + 8;
    }

    public void Rule()
    {
        Need(8);
        _graphics.DrawLine(XPens.DarkGray, Margin, Y + 4, Margin + Width, Y + 4);
        Y += 10;
    }

    public byte[] ToPdf()
    {
        _graphics.Dispose();
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    /// <summary>Draws text at a baseline, switching fonts where the script changes.</summary>
    private void Draw(string text, double x, double baseline, double size, bool bold, XBrush? brush = null)
    {
        foreach (var (run, family) in Runs(text))
        {
            var font = PaperFonts.Font(family, size, bold);
            _graphics.DrawString(run, font, brush ?? XBrushes.Black, x, baseline);
            x += _graphics.MeasureString(run, font).Width;
        }
    }

    private double Measure(string text, double size, bool bold) =>
        Runs(text).Sum(r => _graphics.MeasureString(r.Text, PaperFonts.Font(r.Family, size, bold)).Width);

    private static IEnumerable<(string Text, string Family)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && PaperFonts.FamilyFor(text[i]) == PaperFonts.FamilyFor(text[start])) continue;
            yield return (text[start..i], PaperFonts.FamilyFor(text[start]));
            start = i;
        }
    }

    /// <summary>Breaks text into lines that fit: at spaces where it can, else between any two characters (Chinese has no spaces).</summary>
    private List<string> Wrap(string text, double width, double size, bool bold)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var rest = paragraph.TrimEnd();
            if (rest.Length == 0) { lines.Add(""); continue; }
            while (rest.Length > 0)
            {
                if (Measure(rest, size, bold) <= width) { lines.Add(rest); break; }
                var fit = 1;
                while (fit < rest.Length && Measure(rest[..(fit + 1)], size, bold) <= width) fit++;
                if (char.IsHighSurrogate(rest[fit - 1]) && fit < rest.Length) fit++;
                var space = rest.LastIndexOf(' ', fit - 1, fit);
                var cut = space > 0 ? space : fit;
                lines.Add(rest[..cut].TrimEnd());
                rest = rest[cut..].TrimStart();
            }
        }
        return lines;
    }
}
