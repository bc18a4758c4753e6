using System.Text;
using Storefront.Web.Tables;

namespace Storefront.Web.Tests.Infrastructure;

public class TableFilesTests
{
    static TableFilesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static async Task<Core.Tables.TableData> ReadAsync(byte[] bytes, int maxRows = 100)
    {
        var (table, problem) = await TableFiles.ReadAsync(new MemoryStream(bytes), maxRows);
        Assert.Equal(TableFiles.Problem.None, problem);
        return table!;
    }

    [Fact]
    public async Task ReadsUtf8CsvWithABomQuotesAndBlankLines()
    {
        var table = await ReadAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("编码,数量,备注\nL1,10,\"含,逗号\"\n\nL2,20,\n")).ToArray());
        Assert.Equal(["编码", "数量", "备注"], table.Headers);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("含,逗号", table.Rows[0][2]);
        Assert.Equal(4, table.Rows[1].Line);
        Assert.Equal(1, table.Column("数量", "quantity"));
        Assert.Equal(-1, table.Column("价格"));
    }

    [Fact]
    public async Task ReadsTheGb18030CsvThatExcelWritesOnChineseWindows()
    {
        var table = await ReadAsync(Encoding.GetEncoding("GB18030").GetBytes("商品编码,数量\r\nL19,50\r\n"));
        Assert.Equal("商品编码", table.Headers[0]);
        Assert.Equal("50", table.Rows[0][1]);
    }

    [Fact]
    public async Task ReadsTabSeparatedText() =>
        Assert.Equal("200", (await ReadAsync(Encoding.UTF8.GetBytes("code\tqty\nL4\t200\n"))).Rows[0][1]);

    [Fact]
    public async Task WritesAndReadsBackXlsxAndCsv()
    {
        string[] headers = ["编码", "名称", "数量"];
        object?[][] rows = [["L1", "永顺莓茶", 10], ["L2", null, 20]];
        var xlsx = await ReadAsync(TableFiles.WriteXlsx(headers, rows));
        Assert.Equal(headers, xlsx.Headers);
        Assert.Equal(["L1", "永顺莓茶", "10"], xlsx.Rows[0].Cells);
        var csvBytes = TableFiles.WriteCsv(headers, rows);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        var csv = await ReadAsync(csvBytes);
        Assert.Equal("20", csv.Rows[1][2]);
    }

    [Theory]
    [InlineData("", TableFiles.Problem.Empty)]
    [InlineData("\n\n,,\n", TableFiles.Problem.Empty)]
    [InlineData("h\n1\n2\n3\n", TableFiles.Problem.TooManyRows)]
    public async Task SaysWhyATableCannotBeTaken(string text, TableFiles.Problem expected)
    {
        var (table, problem) = await TableFiles.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxRows: 2);
        Assert.Null(table);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public async Task RefusesADamagedSpreadsheetAndAnOversizedFile()
    {
        var (_, damaged) = await TableFiles.ReadAsync(new MemoryStream([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), 10);
        Assert.Equal(TableFiles.Problem.Unreadable, damaged);
        var (_, large) = await TableFiles.ReadAsync(new MemoryStream(new byte[TableFiles.MaxUploadBytes + 1]), 10);
        Assert.Equal(TableFiles.Problem.TooLarge, large);
    }
}
