using System.Text.RegularExpressions;
using Storefront.Web.Quotas;

namespace Storefront.Web.Tests.Quotas;

public partial class SvgChartTests
{
    private static readonly string[] Months = Enumerable.Range(1, 12).Select(m => $"{m}月").ToArray();

    [GeneratedRegex("<text class=\"chart-axis\"[^>]*>(¥[^<]*)</text>")]
    private static partial Regex AxisLabel();

    private static List<string> ValueAxis(string svg) => AxisLabel().Matches(System.Net.WebUtility.HtmlDecode(svg)).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void AnEmptyChartReadsOnlyZeroAndSaysItIsEmpty()
    {
        var svg = SvgChart.MonthlyBars("c", "t", "d", new long[12], Months, new long[12], new long[12], emptyText: "本年度尚无计入金额").ToString()!;
        Assert.Equal(["¥0"], ValueAxis(svg));
        Assert.Contains("<text class=\"chart-empty\"", svg);
        Assert.Contains(">本年度尚无计入金额</text>", System.Net.WebUtility.HtmlDecode(svg));
        Assert.DoesNotContain("<polyline", svg);
    }

    [Fact]
    public void ATinyAmountHasAScaleOfWholeYuan()
    {
        var monthly = new long[12];
        monthly[2] = 50; // ¥0.50
        Assert.Equal(["¥0", "¥1", "¥2", "¥3", "¥4"], ValueAxis(SvgChart.MonthlyBars("c", "t", "d", monthly, Months).ToString()!));
    }

    [Fact]
    public void TheReserveIsALevelLineAndRaisesTheScaleToReachIt()
    {
        var monthly = new long[12];
        monthly[0] = 10_000_00;
        var svg = SvgChart.MonthlyBars("c", "t", "d", monthly, Months, reserveFen: 30_000_00).ToString()!;
        Assert.Equal(["¥0", "¥10,000", "¥20,000", "¥30,000", "¥40,000"], ValueAxis(svg));
        Assert.Matches("<line class=\"chart-reserve\" x1=\"70\" x2=\"704\" y1=\"68.5\" y2=\"68.5\"/>", svg);
    }
}
