using System.Globalization;
using System.Text;
using Storefront.Core.Catalog;
using Storefront.Core.Tables;

namespace Storefront.Core.Ordering;

/// <summary>
/// Reads a quick order: lines of "listing code, quantity" separated by tabs, commas (half- or full-width), semicolons
/// or spaces, as people paste them from a spreadsheet, a chat or an email. Full-width letters and digits are read as
/// half-width. Lines that cannot be read are returned with their reason, never dropped.
/// </summary>
public static class QuickOrder
{
    public const int MaxLines = 500;

    public enum Refusal { NotAListingCode, MissingQuantity, QuantityNotAWholeNumber, QuantityNotPositive, QuantityTooLarge, TooManyFields, TooManyLines }

    public sealed record Entry(int Line, string Code, int ListingId, int Quantity);

    public sealed record Refused(int Line, string Text, Refusal Reason);

    public sealed record Result(IReadOnlyList<Entry> Entries, IReadOnlyList<Refused> Refused);

    private static readonly char[] Separators = [',', '\uFF0C', '\u3001', ';', '\uFF1B', '\t', ' ', '\u3000'];

    public static Result Parse(string? text)
    {
        var rows = new List<(int Line, IReadOnlyList<string> Cells, string Raw)>();
        var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].Trim().Trim('\uFEFF');
            var cells = Normalize(raw).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add((i + 1, cells, raw));
        }
        return Read(rows, headerMayBeFirst: true);
    }

    public static readonly string[] CodeHeaders = ["商品编码", "编码", "code", "listing code", "listing"];
    public static readonly string[] QuantityHeaders = ["数量", "quantity", "qty"];

    /// <summary>
    /// An uploaded table (its header row already apart): the columns headed code and quantity (商品编码, 数量), or
    /// else the first two columns; other columns, such as a title, are ignored.
    /// </summary>
    public static Result FromTable(TableData table)
    {
        var codeColumn = table.Column(CodeHeaders);
        var quantityColumn = table.Column(QuantityHeaders);
        if (codeColumn < 0 || quantityColumn < 0) (codeColumn, quantityColumn) = (0, 1);
        return Read(table.Rows.Select(r =>
        {
            var (code, quantity) = (Normalize(r[codeColumn]), Normalize(r[quantityColumn]));
            // Both cells are kept, empty or not, so that a quantity is never read as a code.
            IReadOnlyList<string> cells = code.Length == 0 && quantity.Length == 0 ? [] : quantity.Length == 0 ? [code] : [code, quantity];
            return (r.Line, cells, string.Join(", ", r.Cells.Where(c => c.Length > 0)));
        }).ToList(), headerMayBeFirst: false);
    }

    private static Result Read(IReadOnlyList<(int Line, IReadOnlyList<string> Cells, string Raw)> rows, bool headerMayBeFirst)
    {
        var entries = new List<Entry>();
        var refused = new List<Refused>();
        var firstNonBlank = true;
        foreach (var (line, cells, raw) in rows)
        {
            if (cells.Count == 0) continue;
            var isFirst = firstNonBlank;
            firstNonBlank = false;
            if (entries.Count + refused.Count >= MaxLines)
            {
                refused.Add(new(line, raw, Refusal.TooManyLines));
                break;
            }
            var id = Listing.ParseCode(cells[0]);
            // A header row ("商品编码, 数量") is two words without a digit.
            if (isFirst && headerMayBeFirst && id is null && cells.Count == 2 && !cells.Any(c => c.Any(char.IsAsciiDigit))) continue;
            if (id is null) { refused.Add(new(line, raw, Refusal.NotAListingCode)); continue; }
            if (cells.Count < 2) { refused.Add(new(line, raw, Refusal.MissingQuantity)); continue; }
            if (cells.Count > 2) { refused.Add(new(line, raw, Refusal.TooManyFields)); continue; }
            var quantity = ReadQuantity(cells[1], out var problem);
            if (problem is { } reason) { refused.Add(new(line, raw, reason)); continue; }
            entries.Add(new Entry(line, Listing.CodeOf(id.Value), id.Value, quantity));
        }
        return new Result(entries, refused);
    }

    private static int ReadQuantity(string text, out Refusal? problem)
    {
        problem = null;
        if (text.StartsWith('-') && text.Length > 1 && text[1..].All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            problem = Refusal.QuantityNotPositive;
            return 0;
        }
        if (!text.All(char.IsAsciiDigit))
        {
            // "1.0" is a whole number written by a spreadsheet; "1.5" and "200kg" are not.
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d))
                text = decimal.Truncate(d).ToString(CultureInfo.InvariantCulture);
            else
            {
                problem = Refusal.QuantityNotAWholeNumber;
                return 0;
            }
        }
        if (text.TrimStart('0').Length > 9 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity > LinePricing.MaxQuantity)
        {
            problem = Refusal.QuantityTooLarge;
            return 0;
        }
        if (quantity < 1) problem = Refusal.QuantityNotPositive;
        return quantity;
    }

    /// <summary>Full-width letters, digits and punctuation become half-width (ＦＦ01–ＦＦ5Ｅ); the ideographic space a space.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }
        return builder.ToString().Trim('\uFEFF', ' ');
    }
}
