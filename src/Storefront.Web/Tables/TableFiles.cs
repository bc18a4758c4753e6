using System.Globalization;
using System.IO.Compression;
using System.Xml;
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

    /// <summary>Limits an upload is read within, checked while it is read so that no more than this is ever held.</summary>
    public const int MaxColumns = 100;
    public const int MaxCellLength = 10_000;
    /// <summary>An XLSX is a zip: what its sheet and shared strings unpack to, declared or actual, may not pass this.</summary>
    public const long MaxUnpackedBytes = 20 * 1024 * 1024;
    /// <summary>Rows read at most, blank ones included (a sheet of ten million empty rows is refused, not walked).</summary>
    public const int MaxRowsRead = 100_000;

    public enum Problem { None, Empty, TooLarge, TooManyRows, Unreadable, TooManyColumns, CellTooLong, TooLargeUnpacked }

    static TableFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The table in an upload, or why it cannot be taken. Read as a stream, row by row, and refused as soon as a limit
    /// is passed (rows, columns, a cell's length, what a spreadsheet unpacks to), so a small file that unpacks to
    /// gigabytes costs no more memory than a legitimate one.
    /// </summary>
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
        if (buffer.Length == 0) return (null, Problem.Empty);
        buffer.Position = 0;
        var rows = new Rows(maxRows);
        try
        {
            if (IsZip(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))) Xlsx.Read(buffer, rows);
            else ReadCsv(buffer, rows);
        }
        catch (LimitPassed e)
        {
            return (null, e.Problem);
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException or IOException or FormatException or InvalidOperationException
                                       or NotSupportedException or XmlException or OverflowException or ArgumentException)
        {
            return (null, Problem.Unreadable);
        }
        if (rows.Read.Count == 0) return (null, Problem.Empty);
        return (new TableData(rows.Read[0].Cells, rows.Read.Skip(1).ToList()), Problem.None);
    }

    /// <summary>A limit passed while reading: ends the reading at once.</summary>
    private sealed class LimitPassed(Problem problem) : Exception(problem.ToString())
    {
        public Problem Problem { get; } = problem;
    }

    /// <summary>The non-blank rows read so far, refusing the row that passes a limit.</summary>
    private sealed class Rows(int maxRows)
    {
        private int _rowsRead;
        public List<TableRow> Read { get; } = [];

        public void Add(int line, List<string> cells)
        {
            if (++_rowsRead > MaxRowsRead) throw new LimitPassed(Problem.TooManyRows);
            if (cells.Count > MaxColumns) throw new LimitPassed(Problem.TooManyColumns);
            if (!cells.Exists(c => c.Length > 0)) return;
            // The header row and maxRows below it.
            if (Read.Count > maxRows) throw new LimitPassed(Problem.TooManyRows);
            Read.Add(new TableRow(line, cells));
        }
    }

    public static byte[] WriteCsv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers) csv.WriteField(GuardFormula(header));
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
    /// leading single quote, as OWASP and the spreadsheet tools advise, so that a name someone typed (an organisation named
    /// "=cmd|' /C calc'!A0") or a platform sent stays text. Numbers are written as numbers, so a negative amount stays one.
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

    private static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.Length > 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not), otherwise GB18030 (what Excel writes on Chinese Windows).</summary>
    private static void ReadCsv(MemoryStream bytes, Rows rows)
    {
        if (!SeparatorsWithinBounds(bytes.GetBuffer().AsSpan(0, (int)bytes.Length))) throw new LimitPassed(Problem.TooManyColumns);
        var encoding = System.Text.Unicode.Utf8.IsValid(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) ? Encoding.UTF8 : Encoding.GetEncoding("GB18030");
        using var reader = new StreamReader(bytes, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", "\t", ";", "，"],
            MaxFieldSize = MaxCellLength,
        };
        using var csv = new CsvReader(reader, configuration);
        try
        {
            while (csv.Read())
            {
                var count = csv.Parser.Count;
                if (count > MaxColumns) throw new LimitPassed(Problem.TooManyColumns);
                var cells = new List<string>(count);
                for (var i = 0; i < count; i++) cells.Add(csv.Parser[i]?.Trim().TrimStart('\uFEFF') ?? "");
                rows.Add(csv.Parser.RawRow, cells);
            }
        }
        catch (MaxFieldSizeException)
        {
            throw new LimitPassed(Problem.CellTooLong);
        }
    }

    /// <summary>
    /// False when a record holds far more separators than a table may have columns. CsvHelper keeps every field of a
    /// record before handing it over, so a 5 MB line of commas (millions of fields) must be refused before it parses.
    /// Counted on the bytes, outside quotes: the ASCII separators, quote and newline never occur inside a UTF-8 or
    /// GB18030 character; the full-width comma is counted in both encodings, which at worst counts too many.
    /// </summary>
    private static bool SeparatorsWithinBounds(ReadOnlySpan<byte> bytes)
    {
        const int bound = MaxColumns * 100;
        var separators = 0;
        var quoted = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == (byte)'"') quoted = !quoted;
            else if (quoted) continue;
            else if (b == (byte)'\n') separators = 0;
            else if (b is (byte)',' or (byte)'\t' or (byte)';' || (b == 0x8C && i > 0 && bytes[i - 1] == 0xBC) || (b == 0xAC && i > 0 && bytes[i - 1] == 0xA3))
            {
                if (++separators > bound) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The first sheet of an XLSX, read with XmlReader as it is unpacked. The zip's declared sizes are checked before
    /// anything is unpacked, and the bytes actually unpacked are counted as well, since a zip can declare what it likes.
    /// </summary>
    private static class Xlsx
    {
        private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

        private static readonly XmlReaderSettings Settings = new()
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        public static void Read(Stream file, Rows rows)
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var workbook = zip.GetEntry("xl/workbook.xml");
            var relationships = zip.GetEntry("xl/_rels/workbook.xml.rels");
            var shared = zip.GetEntry("xl/sharedStrings.xml");
            var sheetPath = workbook is null || relationships is null ? null : FirstSheetPath(workbook, relationships);
            var sheet = zip.GetEntry(sheetPath ?? "xl/worksheets/sheet1.xml") ?? throw new InvalidDataException("The workbook has no sheet.");
            var unpacked = new Budget();
            foreach (var entry in new[] { workbook, relationships, shared, sheet })
                if (entry is not null) unpacked.Take(entry.Length);
            unpacked = new Budget();
            var strings = shared is null ? [] : SharedStrings(Open(shared, unpacked));
            Sheet(Open(sheet, unpacked), strings, rows);
        }

        /// <summary>Unpacked bytes, across the entries read, against <see cref="MaxUnpackedBytes"/>.</summary>
        private sealed class Budget
        {
            private long _taken;

            public void Take(long bytes)
            {
                _taken += bytes;
                if (_taken > MaxUnpackedBytes) throw new LimitPassed(Problem.TooLargeUnpacked);
            }
        }

        private sealed class CountingStream(Stream inner, Budget budget) : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));
            public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

            private int Counted(int read)
            {
                budget.Take(read);
                return read;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }

        private static XmlReader Open(ZipArchiveEntry entry, Budget budget) => XmlReader.Create(new CountingStream(entry.Open(), budget), Settings);

        /// <summary>The part of the workbook's first sheet, through the workbook's relationships.</summary>
        private static string? FirstSheetPath(ZipArchiveEntry workbook, ZipArchiveEntry relationships)
        {
            var budget = new Budget();
            string? id = null;
            using (var reader = Open(workbook, budget))
                while (id is null && reader.Read())
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && reader.NamespaceURI == MainNamespace)
                        id = reader.GetAttribute("id", RelationshipsNamespace);
            if (id is null) return null;
            using (var reader = Open(relationships, budget))
                while (reader.Read())
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == id)
                    {
                        var target = reader.GetAttribute("Target");
                        if (string.IsNullOrEmpty(target)) return null;
                        return target.StartsWith('/') ? target[1..] : "xl/" + target;
                    }
            return null;
        }

        private static List<string> SharedStrings(XmlReader reader)
        {
            using var _ = reader;
            var strings = new List<string>();
            var text = new StringBuilder();
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNamespace || reader.LocalName != "si") continue;
                text.Clear();
                StringItem(reader, text);
                strings.Add(text.ToString());
            }
            return strings;
        }

        /// <summary>The text of an &lt;si&gt; or &lt;is&gt; element (its runs joined, phonetic hints left out), reader left on its end.</summary>
        private static void StringItem(XmlReader reader, StringBuilder text)
        {
            if (reader.IsEmptyElement) return;
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "rPh" or "phoneticPr")
                {
                    reader.Skip();
                    continue;
                }
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t") Text(reader, text);
                if (!reader.Read()) return;
            }
        }

        /// <summary>The text content of the element the reader is on, in chunks, refused once longer than a cell may be.</summary>
        private static void Text(XmlReader reader, StringBuilder text)
        {
            if (reader.IsEmptyElement) return;
            var depth = reader.Depth;
            var chunk = new char[4096];
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)) continue;
                int read;
                while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    if (text.Length + read > MaxCellLength) throw new LimitPassed(Problem.CellTooLong);
                    text.Append(chunk, 0, read);
                }
            }
        }

        private static void Sheet(XmlReader reader, List<string> strings, Rows rows)
        {
            using var _ = reader;
            var line = 0;
            var text = new StringBuilder();
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNamespace || reader.LocalName != "row") continue;
                line = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > line ? r : line + 1;
                var cells = new List<string>();
                if (!reader.IsEmptyElement)
                {
                    var depth = reader.Depth;
                    while (reader.Read() && reader.Depth > depth)
                    {
                        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c") continue;
                        var column = ColumnOf(reader.GetAttribute("r")) ?? cells.Count;
                        var type = reader.GetAttribute("t");
                        text.Clear();
                        Cell(reader, type, strings, text);
                        if (text.Length == 0) continue;
                        if (column >= MaxColumns) throw new LimitPassed(Problem.TooManyColumns);
                        while (cells.Count < column) cells.Add("");
                        var value = Value(text.ToString(), type);
                        if (column < cells.Count) cells[column] = value;
                        else cells.Add(value);
                    }
                }
                rows.Add(line, cells);
            }
        }

        /// <summary>The raw value of a &lt;c&gt; element: its &lt;v&gt;, or its inline string; reader left on its end.</summary>
        private static void Cell(XmlReader reader, string? type, List<string> strings, StringBuilder text)
        {
            if (reader.IsEmptyElement) return;
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "f")
                {
                    reader.Skip();
                    continue;
                }
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "v") Text(reader, text);
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "is") StringItem(reader, text);
                if (!reader.Read()) return;
            }
            if (type == "s" && text.Length > 0)
            {
                var index = int.Parse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
                if (index >= strings.Count) throw new InvalidDataException("A cell refers to a shared string that is not there.");
                text.Clear().Append(strings[index]);
            }
        }

        /// <summary>Numbers as .NET writes a double (10, 2.5), booleans as True/False, text trimmed.</summary>
        private static string Value(string raw, string? type) => type switch
        {
            "b" => raw == "1" ? "True" : "False",
            null or "n" when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => raw.Trim(),
        };

        /// <summary>The zero-based column of a cell reference such as "B12", or null without one.</summary>
        private static int? ColumnOf(string? reference)
        {
            if (string.IsNullOrEmpty(reference)) return null;
            var column = 0;
            foreach (var c in reference)
            {
                if (c is >= 'A' and <= 'Z') column = checked(column * 26 + (c - 'A' + 1));
                else break;
                if (column > 100_000) throw new LimitPassed(Problem.TooManyColumns);
            }
            return column == 0 ? null : column - 1;
        }
    }
}
