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

    [Fact]
    public void ACsvCellThatASpreadsheetWouldTakeForAFormulaIsWrittenAsTextButNumbersStayNumbers()
    {
        object?[][] rows =
        [
            ["=cmd|' /C calc'!A0学校", -12.5m],
            ["+86 731", -3],
            ["-1+1", 0L],
            ["@SUM(A1)", null],
            ["\t=1", 4.25m],
            ["\r=1", 1],
            ["普通 =1", -7],
        ];
        var text = Encoding.UTF8.GetString(TableFiles.WriteCsv(["=名称", "金额"], rows)).TrimStart('\uFEFF');
        Assert.Equal(
            "'=名称,金额\r\n'=cmd|' /C calc'!A0学校,-12.5\r\n'+86 731,-3\r\n'-1+1,0\r\n'@SUM(A1),\r\n'\t=1,4.25\r\n\"'\r=1\",1\r\n普通 =1,-7\r\n",
            text);
    }

    public static TheoryData<string, TableFiles.Problem> Bombs() => new()
    {
        { "one cell of 100 million characters", TableFiles.Problem.TooLargeUnpacked },
        { "four million rows", TableFiles.Problem.TooLargeUnpacked },
        { "a quarter million blank-free rows within the unpacked limit", TableFiles.Problem.TooManyRows },
        { "rows 16,384 columns wide", TableFiles.Problem.TooManyColumns },
        { "a cell of 20,000 characters", TableFiles.Problem.CellTooLong },
        { "a 5 MB CSV of short lines", TableFiles.Problem.TooManyRows },
        { "a 5 MB CSV of one line of empty fields", TableFiles.Problem.TooManyColumns },
        { "a CSV cell of 20,000 characters", TableFiles.Problem.CellTooLong },
    };

    public static byte[] Bomb(string name) => name switch
    {
        "one cell of 100 million characters" => Security.SpreadsheetBombs.OneHugeCell(100),
        "four million rows" => Security.SpreadsheetBombs.ManyRows(4_000_000),
        "a quarter million blank-free rows within the unpacked limit" => Security.SpreadsheetBombs.ManyRows(250_000),
        "rows 16,384 columns wide" => Security.SpreadsheetBombs.ManyColumns(20),
        "a cell of 20,000 characters" => TableFiles.WriteXlsx(["商品编码", "数量"], [[new string('x', 20_000), 1]]),
        "a 5 MB CSV of short lines" => Security.SpreadsheetBombs.CsvOfManyLines(),
        "a 5 MB CSV of one line of empty fields" => Security.SpreadsheetBombs.CsvOfOneWideLine(),
        "a CSV cell of 20,000 characters" => Encoding.UTF8.GetBytes("商品编码,数量\n" + new string('x', 20_000) + ",1\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task ASmallUploadThatUnpacksOrParsesToSomethingHugeIsRefusedWithinBoundedMemory(string name, TableFiles.Problem expected)
    {
        var bytes = Bomb(name);
        Assert.True(bytes.Length <= TableFiles.MaxUploadBytes, $"{name}: {bytes.Length} bytes");

        // A MemoryStream completes every read at once, so the whole reading runs on this thread and is counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (table, problem) = await TableFiles.ReadAsync(new MemoryStream(bytes), maxRows: 500);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(table);
        Assert.Equal(expected, problem);
        Assert.True(allocated < 32 * 1024 * 1024, $"{name}: {allocated / 1024 / 1024} MB allocated reading {bytes.Length / 1024} KB");
    }

    [Fact]
    public async Task ASpreadsheetThatDeclaresSmallSizesButUnpacksToMoreIsStillStoppedAtTheLimit()
    {
        // The same bomb with every entry's declared size rewritten to 1 KB in both the local headers and the central directory.
        var bytes = Security.SpreadsheetBombs.OneHugeCell(100);
        LieAboutSizes(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (_, problem) = await TableFiles.ReadAsync(new MemoryStream(bytes), maxRows: 500);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(problem is TableFiles.Problem.TooLargeUnpacked or TableFiles.Problem.Unreadable, problem.ToString());
        Assert.True(allocated < 64 * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated");
    }

    private static void LieAboutSizes(byte[] zip)
    {
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50) BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), 1024u);
            else if (signature == 0x02014b50) BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), 1024u);
        }
    }
}
