using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using Storefront.Core.Tables;

namespace Storefront.Web.Tables;

/// <summary>
/// Reading and writing the tables people exchange with the shop: CSV (CsvHelper) and XLSX (MiniExcel). Uploads are
/// recognised by content, not name; CSV in UTF-8 (with or without BOM) or GB18030, which Excel writes on Chinese
/// Windows. Downloads are UTF-8 CSV with a BOM, so that Excel shows Chinese correctly, or XLSX.
/// </summary>
public static class TableFiles
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    public enum Problem { None, Empty, TooLarge, TooManyRows, Unreadable }

    static TableFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<(TableData? Table, Problem Problem)> ReadAsync(Stream upload, int maxRows, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes) return (null, Problem.TooLarge);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0) return (null, Problem.Empty);
        try
        {
            var rows = IsZip(bytes) ? ReadXlsx(bytes) : ReadCsv(bytes);
            var nonBlank = rows.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
            if (nonBlank.Count == 0) return (null, Problem.Empty);
            if (nonBlank.Count - 1 > maxRows) return (null, Problem.TooManyRows);
            return (new TableData(nonBlank[0].Cells, nonBlank.Skip(1).ToList()), Problem.None);
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException or IOException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return (null, Problem.Unreadable);
        }
    }

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers) csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(cell is string text ? GuardFormula(text) : Format(cell));
                csv.NextRecord();
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a
    /// leading single quote, as spreadsheet tools expect, so that a name someone typed (or a platform sent) stays text.
    /// </summary>
    public static string GuardFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>Undoes <see cref="GuardFormula"/> on a cell read back from a file the shop wrote.</summary>
    public static string UnguardFormula(string text) =>
        text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? text[1..] : text;

    public static byte[] WriteXlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var record = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Count; i++) record[headers[i]] = i < row.Count ? row[i] : null;
            return record;
        }).ToList();
        using var output = new MemoryStream();
        if (sheet.Count == 0) sheet.Add(headers.ToDictionary(h => h, _ => (object?)null));
        output.SaveAs(sheet);
        return output.ToArray();
    }

    private static string Format(object? cell) => cell switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static bool IsZip(byte[] bytes) => bytes.Length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;

    private static List<TableRow> ReadCsv(byte[] bytes)
    {
        var text = Decode(bytes);
        using var reader = new StringReader(text);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", "\t", ";", "，"],
        };
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<TableRow>();
        while (csv.Read())
        {
            var cells = new List<string>(csv.Parser.Count);
            for (var i = 0; i < csv.Parser.Count; i++) cells.Add(csv.Parser[i]?.Trim() ?? "");
            rows.Add(new TableRow(csv.Parser.RawRow, cells));
        }
        return rows;
    }

    private static List<TableRow> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var rows = new List<TableRow>();
        var line = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            line++;
            rows.Add(new TableRow(line, row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "").ToList()));
        }
        return rows;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }
}
