using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Regions;
using Storefront.Core.Tables;

namespace Storefront.Core.Catalog;

/// <summary>
/// Imports a supplier's listings table: a row with an empty code creates a draft, a row with the code of one of the
/// supplier's listings updates it. Every row is checked by the same rules as the form; the valid rows are then applied
/// in one transaction, or none at all when the supplier chose so and any row was refused.
/// </summary>
public sealed class ListingImport(StorefrontDbContext db, DesignatedCounties counties, TimeProvider clock)
{
    public const int MaxRows = 2000;

    public enum Mode { AllOrNothing, ValidRowsOnly }

    public sealed record ParsedRow(int Line, string CodeText, int? ListingId, string Title, ListingInput Input, IReadOnlyList<ListingProblem> Problems);

    public sealed record RefusedRow(int Line, string Code, string Title, IReadOnlyList<ListingProblem> Problems);

    public sealed record Result(IReadOnlyList<string> MissingColumns, IReadOnlyList<RefusedRow> Refused, int Created, int Updated, bool Applied, bool Conflict = false)
    {
        public int Total => Created + Updated + Refused.Count;
    }

    /// <summary>The column index of each required column, or the headers that are missing.</summary>
    public static (int[]? Columns, IReadOnlyList<string> Missing) MapColumns(TableData table, bool english)
    {
        var indexes = ListingTable.Required.Select(c => c.IndexIn(table)).ToArray();
        var missing = ListingTable.Required.Where((_, i) => indexes[i] < 0).Select(c => c.Header(english)).ToList();
        return (missing.Count == 0 ? indexes : null, missing);
    }

    /// <summary>Categories by every name a person may write for them: code, slug, Chinese or English name.</summary>
    public static IReadOnlyDictionary<string, Category> CategoryKeys(IEnumerable<Category> categories)
    {
        var keys = new Dictionary<string, Category>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in categories)
        {
            foreach (var key in new[] { c.Code, c.Slug, c.Name, c.NameEn }) keys.TryAdd(key, c);
        }
        return keys;
    }

    /// <summary>
    /// Reads one row into listing input and checks it: what cannot be read is one problem, and the rules of
    /// <see cref="ListingEditor.Check"/> report the rest. The origin's verdict comes from the caller.
    /// </summary>
    public static ParsedRow Parse(TableRow row, int[] columns, IReadOnlyDictionary<string, Category> categories, Func<string, DesignatedCounties.Verdict> originVerdict)
    {
        string Cell(int column) => row[columns[column]].Trim();
        var problems = new List<ListingProblem>();

        var codeText = Cell(0);
        int? listingId = null;
        if (codeText.Length > 0)
        {
            listingId = Listing.ParseCode(codeText);
            if (listingId is null) problems.Add(new(ListingField.Code, "Malformed"));
        }

        categories.TryGetValue(Cell(2), out var category);
        int? Number(int column, ListingField field)
        {
            var text = Cell(column);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
            problems.Add(new(field, text.Length == 0 ? "Required" : "NotANumber"));
            return null;
        }
        var moq = Number(6, ListingField.MinOrderQuantity);
        var tiers = ListingTable.ParseTiers(Cell(7));
        if (tiers is null) problems.Add(new(ListingField.Tiers, Cell(7).Length == 0 ? "NoTiers" : "Unreadable"));
        var stock = Number(8, ListingField.Stock);
        var leadTime = Number(9, ListingField.LeadTimeDays);

        var input = new ListingInput(
            Title: Cell(1),
            CategoryId: category?.Id ?? 0,
            OriginCountyCode: Cell(3),
            Unit: Cell(4),
            Spec: Cell(5),
            // An unreadable minimum order is reported once, not again as a first tier that does not start at it.
            MinOrderQuantity: moq ?? tiers?.FirstOrDefault()?.MinQuantity ?? 1,
            Tiers: tiers ?? [],
            Stock: stock ?? 0,
            LeadTimeDays: leadTime ?? 0,
            CertificationNo: Cell(10),
            Description: Cell(11));
        var unread = problems.Select(p => p.Field).ToHashSet();
        problems.AddRange(ListingEditor.Check(input, category, originVerdict(input.OriginCountyCode)).Where(p => !unread.Contains(p.Field)));
        return new ParsedRow(row.Line, codeText, listingId, input.Title, input, problems);
    }

    /// <summary>Checks every row, then applies the valid ones (or none) and saves them in one transaction.</summary>
    public async Task<Result> ImportAsync(int supplierId, TableData table, Mode mode, bool english, CancellationToken ct = default)
    {
        var (columns, missing) = MapColumns(table, english);
        if (columns is null) return new Result(missing, [], 0, 0, Applied: false);

        var categoryList = await db.Categories.AsNoTracking().ToListAsync(ct);
        var categories = CategoryKeys(categoryList);
        var verdicts = new Dictionary<string, DesignatedCounties.Verdict>();
        foreach (var code in table.Rows.Select(r => r[columns[3]].Trim()).Distinct())
            verdicts[code] = await counties.CheckAsync(code, ct);

        var parsed = table.Rows.Select(r => Parse(r, columns, categories, code => verdicts[code])).ToList();

        // A code must be one of this supplier's listings (not deleted), and appear once: anything else is refused the same way,
        // so that guessing codes tells nothing about other suppliers' listings.
        var ids = parsed.Where(p => p.ListingId is not null).Select(p => p.ListingId!.Value).Distinct().ToList();
        var own = await db.Listings
            .Where(l => l.SupplierId == supplierId && ids.Contains(l.Id) && l.Status != ListingStatus.Deleted)
            .Include(l => l.PriceTiers)
            .ToDictionaryAsync(l => l.Id, ct);
        var seen = new HashSet<int>();
        var refused = new List<RefusedRow>();
        var valid = new List<ParsedRow>();
        foreach (var row in parsed)
        {
            var problems = row.Problems.ToList();
            if (row.ListingId is { } id)
            {
                if (!own.ContainsKey(id)) problems.Insert(0, new(ListingField.Code, "NotYours"));
                else if (!seen.Add(id)) problems.Insert(0, new(ListingField.Code, "Duplicate"));
            }
            if (problems.Count > 0) refused.Add(new RefusedRow(row.Line, row.CodeText, row.Title, problems));
            else valid.Add(row);
        }
        if (valid.Count == 0 || (mode == Mode.AllOrNothing && refused.Count > 0))
            return new Result([], refused, 0, 0, Applied: false);

        var now = clock.GetUtcNow().UtcDateTime;
        var supplierName = await db.Suppliers.Where(s => s.Id == supplierId).Select(s => s.Name).SingleAsync(ct);
        var countyCodes = valid.Select(r => r.Input.OriginCountyCode).Distinct().ToList();
        var divisions = await db.Divisions.AsNoTracking().Where(d => countyCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct);
        var categoriesById = categoryList.ToDictionary(c => c.Id);
        void Index(Listing l) => l.IndexForSearch(supplierName, categoriesById[l.CategoryId], divisions[l.OriginCountyCode]);

        var created = new List<Listing>();
        var updated = 0;
        foreach (var row in valid)
        {
            if (row.ListingId is { } id)
            {
                own[id].Apply(row.Input, now);
                Index(own[id]);
                updated++;
            }
            else
            {
                var listing = Listing.Create(supplierId, row.Input, now);
                db.Listings.Add(listing);
                created.Add(listing);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            // New listings are indexed once they have their id, which their code (in the search text) is made of.
            foreach (var listing in created) Index(listing);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A listing changed while the file was read (an order took stock): nothing is applied, the supplier tries again.
            return new Result([], refused, 0, 0, Applied: false, Conflict: true);
        }
        return new Result([], refused, created.Count, updated, Applied: true);
    }
}
