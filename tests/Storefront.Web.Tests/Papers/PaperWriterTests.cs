using Storefront.Web.Papers;

namespace Storefront.Web.Tests.Papers;

public class PaperWriterTests
{
    [Fact]
    public void ChineseAndLatinTextPrintWithTheEmbeddedFontsAndReadBackAsWritten()
    {
        using var paper = new PaperWriter("送货单", "订单 P-1 · 生成于 2026-03-02 10:00（北京时间）");
        paper.Title("送货单");
        paper.Facts([("采购单位", "长沙市天心区人民医院"), ("供应商", "永顺县松柏莓茶专业合作社")]);
        paper.Table([new("商品（编码）", 4), new("单位", 1), new("送货数量", 1, true)], [["永顺莓茶 250g (L12)", "盒", "10"]]);
        paper.QrCode(OrderPapers.QrImage("https://shop.example.cn/orders/12"), 96, ["扫码打开订单页", "https://shop.example.cn/orders/12"]);
        var pdf = paper.ToPdf();

        var text = PdfPapers.Compact(pdf);
        Assert.Contains("送货单", text);
        Assert.Contains("采购单位长沙市天心区人民医院", text);
        Assert.Contains("供应商永顺县松柏莓茶专业合作社", text);
        Assert.Contains("永顺莓茶250g(L12)盒10", text);
        Assert.Contains("https://shop.example.cn/orders/12", text);
        Assert.Equal(["https://shop.example.cn/orders/12"], PdfPapers.QrCodes(pdf));
    }

    [Fact]
    public void ALongTableContinuesOnANewPageWithItsHeader()
    {
        using var paper = new PaperWriter("验收单", "footer");
        paper.Table([new("商品", 4), new("数量", 1, true)], Enumerable.Range(1, 80).Select(i => (IReadOnlyList<string>)[$"第{i}行 很长的商品名称会在单元格里自动换行显示而不会超出边界", $"{i}"]).ToList());
        var pdf = paper.ToPdf();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 1);
        var last = new string(UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(document.GetPage(document.NumberOfPages)).Where(c => !char.IsWhiteSpace(c)).ToArray());
        // The footer is drawn first on each page, then the repeated header.
        Assert.StartsWith("footer商品数量", last);
        Assert.Contains("第80行", PdfPapers.Compact(pdf));
    }
}
