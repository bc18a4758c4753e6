using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Storefront.Web.Quotas;

/// <summary>
/// Monthly charts drawn on the server as SVG: no script, styled by site.css classes, and readable by a screen reader
/// (role="img" with a title and a description naming every value; the page shows the same figures as a table too).
/// </summary>
public static class SvgChart
{
    private const int Width = 720, Height = 260, Left = 70, Right = 16, Top = 16, Bottom = 34;

    /// <param name="monthlyFen">Twelve monthly amounts in fen, drawn as bars.</param>
    /// <param name="cumulativeTargetFen">An optional line: where the cumulative amount should be at the end of each month (pace).</param>
    /// <param name="reserveFen">An optional level line: the year's reserved quota.</param>
    /// <param name="emptyText">Said across a chart with nothing to draw (all zero), which then has no scale but ¥0.</param>
    public static IHtmlContent MonthlyBars(string id, string title, string description, IReadOnlyList<long> monthlyFen, IReadOnlyList<string> monthLabels,
        IReadOnlyList<long>? cumulativeFen = null, IReadOnlyList<long>? cumulativeTargetFen = null, long? reserveFen = null, string? emptyText = null)
    {
        var enc = HtmlEncoder.Default;
        var max = new[] { monthlyFen.DefaultIfEmpty(0).Max(), cumulativeFen?.DefaultIfEmpty(0).Max() ?? 0, cumulativeTargetFen?.DefaultIfEmpty(0).Max() ?? 0, reserveFen ?? 0 }.Max();
        var empty = max <= 0;
        var scaleMax = empty ? 1 : NiceCeiling(max);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Y(long fen) => Top + plotH - (double)fen / scaleMax * plotH;
        var slot = (double)plotW / 12;
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{enc.Encode(id)}\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{enc.Encode(id)}-title {enc.Encode(id)}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{enc.Encode(id)}-title\">{enc.Encode(title)}</title><desc id=\"{enc.Encode(id)}-desc\">{enc.Encode(description)}</desc>");
        // An empty chart has one line, ¥0, and says so: a scale of nothing would read ¥0 … ¥1.
        for (var i = 0; i <= (empty ? 0 : 4); i++)
        {
            var value = scaleMax * i / 4;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis\" x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{enc.Encode(Compact(value))}</text>");
        }
        for (var m = 0; m < 12 && m < monthlyFen.Count; m++)
        {
            var x = Left + m * slot;
            var h = Math.Max(0, Top + plotH - Y(Math.Max(0, monthlyFen[m])));
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{F(x + slot * 0.2)}\" y=\"{F(Top + plotH - h)}\" width=\"{F(slot * 0.6)}\" height=\"{F(h)}\"><title>{enc.Encode(monthLabels[m])}: {enc.Encode(Core.Money.Fen.Format(monthlyFen[m]))}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-axis\" x=\"{F(x + slot / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">{enc.Encode(monthLabels[m])}</text>");
        }
        if (empty)
        {
            if (emptyText is not null)
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-empty\" x=\"{Left + plotW / 2}\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\">{enc.Encode(emptyText)}</text>");
            svg.Append("</svg>");
            return new HtmlString(svg.ToString());
        }
        if (reserveFen is { } reserve && reserve > 0)
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-reserve\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(reserve))}\" y2=\"{F(Y(reserve))}\"/>");
        if (cumulativeFen is not null) svg.Append(Line("chart-line", cumulativeFen, slot, Y, F));
        if (cumulativeTargetFen is not null) svg.Append(Line("chart-target", cumulativeTargetFen, slot, Y, F));
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Line(string cssClass, IReadOnlyList<long> points, double slot, Func<long, double> y, Func<double, string> f)
    {
        var path = string.Join(" ", points.Take(12).Select((p, m) => $"{f(Left + m * slot + slot / 2)},{f(y(p))}"));
        return $"<polyline class=\"{cssClass}\" fill=\"none\" points=\"{path}\"/>";
    }

    /// <summary>A round number at or above the maximum, so the axis reads 0, ¥25万, ¥50万 …</summary>
    internal static long NiceCeiling(long fen)
    {
        // At least ¥4, so that the quarter lines of a tiny amount read ¥0, ¥1, ¥2, ¥3, ¥4 and never ¥0 four times.
        if (fen <= 400) return 400;
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(fen)));
        foreach (var step in new long[] { 1, 2, 4, 5, 10 })
            if (step * magnitude >= fen) return step * magnitude;
        return 10 * magnitude;
    }

    /// <summary>Axis labels in yuan without decimals: ¥1,234,567.</summary>
    private static string Compact(long fen) => "¥" + (fen / 100).ToString("#,##0", CultureInfo.InvariantCulture);

    public static long[] Cumulative(IReadOnlyList<long> monthly)
    {
        var result = new long[monthly.Count];
        long sum = 0;
        for (var i = 0; i < monthly.Count; i++) result[i] = sum += monthly[i];
        return result;
    }
}
