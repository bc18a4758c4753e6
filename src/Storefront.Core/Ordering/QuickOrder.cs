using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Tables;

namespace Storefront.Core.Ordering;

/// <summary>
/// Reads a quick order: lines of "listing code, quantity" or "listing name, quantity" separated by tabs, commas (half-
/// or full-width), semicolons or spaces, as people paste them from a spreadsheet, a chat or an email. Full-width letters
/// and digits are read as half-width. Lines that cannot be read are returned with their reason, never dropped. A name is
/// matched exactly against the listings buyers can see (<see cref="ResolveNamesAsync"/>).
/// </summary>
public static class QuickOrder
{
    public const int MaxLines = 500;
    /// <summary>How many listings an ambiguous name's message lists.</summary>
    public const int MaxCandidates = 10;

    public enum Refusal { NotAListingCode, MissingQuantity, QuantityNotAWholeNumber, QuantityNotPositive, QuantityTooLarge, TooManyFields, TooManyLines, UnknownName, AmbiguousName }

    /// <summary>
    /// A line read: by its code (<see cref="ListingId"/> known) or by a name still to be matched: <see cref="Name"/> read
    /// as half-width, <see cref="TypedName"/> as typed (a title may hold full-width brackets).
    /// </summary>
    public sealed record Entry(int Line, string Code, int? ListingId, int Quantity, string? Name = null, string? TypedName = null);

    /// <summary>A listing a name could mean: its code and its supplier, so that the buyer can choose by code.</summary>
    public sealed record Candidate(string Code, string SupplierName);

    public sealed record Refused(int Line, string Text, Refusal Reason, string? Name = null, IReadOnlyList<Candidate>? Candidates = null);

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

    public static readonly string[] NameHeaders = ["商品名称", "名称", "品名", "name", "listing name", "title"];

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
        // Without a code column, a name column is read in its place (its cells are matched as names).
        if (codeColumn < 0) codeColumn = table.Column(NameHeaders);
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
            if (id is null)
            {
                // Not a code: a name, which may hold spaces ("溆浦有机香米 10kg"), so the quantity is the last field.
                if (cells.Count < 2 || cells.Take(cells.Count - 1).All(string.IsNullOrWhiteSpace)) { refused.Add(new(line, raw, Refusal.NotAListingCode)); continue; }
                var amount = ReadQuantity(cells[^1], out var trouble);
                if (trouble is { } why) { refused.Add(new(line, raw, why)); continue; }
                // The same separators split the line as typed into the same fields (full-width separators are separators).
                var typed = raw.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var name = string.Join(' ', cells.Take(cells.Count - 1));
                entries.Add(new Entry(line, "", null, amount, name, typed.Length == cells.Count ? string.Join(' ', typed.Take(typed.Length - 1)) : name));
                continue;
            }
            if (cells.Count < 2) { refused.Add(new(line, raw, Refusal.MissingQuantity)); continue; }
            if (cells.Count > 2) { refused.Add(new(line, raw, Refusal.TooManyFields)); continue; }
            var quantity = ReadQuantity(cells[1], out var problem);
            if (problem is { } reason) { refused.Add(new(line, raw, reason)); continue; }
            entries.Add(new Entry(line, Listing.CodeOf(id.Value), id.Value, quantity));
        }
        return new Result(entries, refused);
    }

    /// <summary>
    /// Matches the lines given by name against the titles of listings buyers can see, exactly (as typed, or with its
    /// full-width letters read as half-width; words apart by one space): one listing is that listing; several are narrowed to those on sale now, and if still more than
    /// one the line is refused with them listed by code and supplier; none is refused as unknown. A listing the catalog
    /// never showed (a draft, one refused in review) is never matched, so its name is answered as unknown.
    /// </summary>
    public static async Task<Result> ResolveNamesAsync(StorefrontDbContext db, Result parsed, CancellationToken ct = default)
    {
        var named = parsed.Entries.Where(e => e.ListingId is null).ToList();
        if (named.Count == 0) return parsed;
        var names = named.SelectMany(e => new[] { e.Name!, e.TypedName ?? e.Name! }).Distinct().ToList();
        var matches = await db.Listings.AsNoTracking()
            .Where(l => names.Contains(l.Title))
            .Where(l => l.Status == ListingStatus.Published || l.Status == ListingStatus.Unpublished
                || (l.Status == ListingStatus.PendingReview && l.PublishedAtUtc != null))
            .Select(l => new
            {
                l.Id, l.Title, SupplierName = l.Supplier.Name,
                Available = l.Status == ListingStatus.Published
                    && l.Supplier.Status == VerificationStatus.Verified
                    && db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == l.OriginCountyCode),
            })
            .ToListAsync(ct);

        var entries = new List<Entry>();
        var refused = parsed.Refused.ToList();
        foreach (var entry in parsed.Entries)
        {
            if (entry.ListingId is not null) { entries.Add(entry); continue; }
            var text = $"{entry.Name}, {entry.Quantity}";
            var candidates = matches.Where(m => m.Title == entry.Name || m.Title == entry.TypedName).OrderBy(m => m.Id).ToList();
            if (candidates.Count > 1 && candidates.Count(c => c.Available) >= 1) candidates = candidates.Where(c => c.Available).ToList();
            switch (candidates.Count)
            {
                case 0:
                    refused.Add(new(entry.Line, text, Refusal.UnknownName, entry.Name));
                    break;
                case 1:
                    entries.Add(entry with { Code = Listing.CodeOf(candidates[0].Id), ListingId = candidates[0].Id });
                    break;
                default:
                    refused.Add(new(entry.Line, text, Refusal.AmbiguousName, entry.Name,
                        candidates.Take(MaxCandidates).Select(c => new Candidate(Listing.CodeOf(c.Id), c.SupplierName)).ToList()));
                    break;
            }
        }
        return new Result(entries, refused.OrderBy(r => r.Line).ToList());
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
