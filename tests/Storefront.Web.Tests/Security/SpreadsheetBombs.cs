using System.IO.Compression;
using System.Text;

namespace Storefront.Web.Tests.Security;

/// <summary>
/// Small uploads that unpack or parse to something huge, generated as they are written (never held whole in the test):
/// the files of the security probe, a quick-order table (商品编码, 数量) each time.
/// </summary>
public static class SpreadsheetBombs
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Header = """<row r="1"><c r="A1" t="inlineStr"><is><t>商品编码</t></is></c><c r="B1" t="inlineStr"><is><t>数量</t></is></c></row>""";

    /// <summary>One cell of <paramref name="megabytes"/> million characters, as a shared string (the 499 KB file of 500 MB).</summary>
    public static byte[] OneHugeCell(int megabytes) => Xlsx(
        sheet => sheet.Write(Header + """<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c></row>"""),
        strings =>
        {
            var million = new string('x', 1_000_000);
            strings.Write("<si><t>");
            for (var i = 0; i < megabytes; i++) strings.Write(million);
            strings.Write("</t></si>");
        });

    /// <summary>A header and then <paramref name="rows"/> rows of one code and quantity (the 2.2 MB file of 10M rows).</summary>
    public static byte[] ManyRows(int rows) => Xlsx(sheet =>
    {
        sheet.Write(Header);
        for (var i = 0; i < rows; i++) sheet.Write("""<row><c t="inlineStr"><is><t>L1</t></is></c><c><v>1</v></c></row>""");
    });

    /// <summary>Rows as wide as a sheet goes (16,384 columns).</summary>
    public static byte[] ManyColumns(int rows) => Xlsx(sheet =>
    {
        sheet.Write(Header);
        for (var r = 0; r < rows; r++)
        {
            sheet.Write("<row>");
            for (var c = 0; c < 16_384; c++) sheet.Write("<c><v>1</v></c>");
            sheet.Write("</row>");
        }
    });

    /// <summary>A CSV just under the 5 MB upload limit: a header, then short lines.</summary>
    public static byte[] CsvOfManyLines() => Csv("商品编码,数量\n", "L1,1\n");

    /// <summary>A CSV just under the 5 MB upload limit: a header, then one line of empty fields.</summary>
    public static byte[] CsvOfOneWideLine() => Csv("商品编码,数量\n", ",");

    private static byte[] Csv(string header, string repeated)
    {
        var text = new StringBuilder(header);
        while (text.Length + repeated.Length < 5_000_000) text.Append(repeated);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Xlsx(Action<TextWriter> sheetData, Action<TextWriter>? sharedStrings = null)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""));
            Part(zip, "_rels/.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Part(zip, "xl/workbook.xml", w => w.Write($"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write("""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""));
            Part(zip, "xl/sharedStrings.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
                sharedStrings?.Invoke(w);
                w.Write("</sst>");
            });
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                sheetData(w);
                w.Write("</sheetData></worksheet>");
            });
        }
        return output.ToArray();
    }

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
