using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832;
using Storefront.Platform832.ReferenceData;
using Storefront.Web.Localization;
using Storefront.Web.Security;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Admin.Sync;

/// <summary>
/// /admin/sync/categories: the 832 platform's categories and counties as last read, and the mapping of each shop
/// category to a platform category (a suggestion by name to accept in one click, any other to choose, CSV export and
/// import). A listing goes to the platform only under a mapped category; mapping one sends its waiting listings.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = TableFiles.MaxUploadBytes + 64 * 1024)]
[RequestSizeLimit(TableFiles.MaxUploadBytes + 64 * 1024)]
public class CategoriesModel(
    StorefrontDbContext db,
    PlatformReferenceData referenceData,
    AuditLog audit,
    CurrentActor actor,
    IOptions<Platform832Options> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxImportRows = 1000;

    public bool Configured => options.Value.IsConfigured;
    public IReadOnlyList<CategoryMappings.Row> Rows { get; private set; } = [];
    public IReadOnlyList<Platform832Category> PlatformCategories { get; private set; } = [];
    public IReadOnlyList<Platform832County> Counties { get; private set; } = [];
    public DateTime? ReadAtUtc { get; private set; }
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];
    public int SuggestionsToAccept => Rows.Count(r => !r.IsMapped && r.Suggestion is not null);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Reads the platform's categories and counties now (they are read on start and daily by themselves).</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        if (!Configured) return RedirectToPage();
        var outcome = await referenceData.RefreshAsync(ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.ReadReferenceData", "Platform832", "reference-data", details: outcome.Error);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = outcome.Error is null
            ? t["P832Map.Read", outcome.Categories, outcome.Counties].Value
            : t["P832Map.ReadFailed", outcome.Error].Value;
        return RedirectToPage();
    }

    /// <summary>One category to one platform category: the suggestion's "accept" and the chooser's "save" both post here.</summary>
    public async Task<IActionResult> OnPostMapAsync(int categoryId, string? platformCode, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (problem, queued) = await CategoryMappings.MapAsync(db, categoryId, platformCode, actor.Name, clock.GetUtcNow().UtcDateTime, ct);
        if (problem == CategoryMappings.Problem.UnknownShopCategory) return NotFound();
        if (problem == CategoryMappings.Problem.UnknownPlatformCategory)
        {
            ModelState.AddModelError("", t["P832Map.UnknownPlatformCategory", platformCode ?? ""]);
            await LoadAsync(ct);
            return Page();
        }
        var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == categoryId, ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.MapCategory", "Category", category.Code, details: platformCode ?? "(none)");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Status"] = string.IsNullOrWhiteSpace(platformCode)
            ? t["P832Map.Unmapped", category.DisplayName(Cultures.IsEnglish)].Value
            : t["P832Map.Mapped", category.DisplayName(Cultures.IsEnglish), platformCode, queued].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAcceptAllAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (mapped, queued) = await CategoryMappings.AcceptAllSuggestionsAsync(db, actor.Name, clock.GetUtcNow().UtcDateTime, ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.MapCategories", "Platform832", "categories", details: $"{mapped} suggestions accepted");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Status"] = t["P832Map.AcceptedAll", mapped, queued].Value;
        return RedirectToPage();
    }

    /// <summary>The mapping as CSV: shop code and name, platform code and name; the names are there for people.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await CategoryMappings.RowsAsync(db, ct);
        var english = Cultures.IsEnglish;
        var headers = Columns.Select(c => english ? c.English : c.Chinese).ToList();
        var cells = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Code, r.GroupName is null ? r.Name : $"{(english ? r.GroupNameEn : r.GroupName)} / {(english ? r.NameEn : r.Name)}",
            r.MappedCode ?? "", r.Mapped?.Name ?? "",
        ]);
        Response.Headers.CacheControl = "private, no-store";
        return File(TableFiles.WriteCsv(headers, cells), TableFiles.CsvContentType, $"832-category-mapping-{Core.Money.ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime):yyyyMMdd}.csv");
    }

    private static readonly (string Chinese, string English)[] Columns =
        [("本平台分类编码", "Shop category code"), ("本平台分类", "Shop category"), ("832 分类编码", "832 category code"), ("832 分类", "832 category")];

    /// <summary>
    /// A mapping file as exported (the two code columns are what counts; a blank 832 code removes a mapping). Every
    /// line is checked first; one bad line and nothing is applied, with each line's reason shown.
    /// </summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Import.NoFile"]);
            await LoadAsync(ct);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var (table, problem) = await TableFiles.ReadAsync(stream, MaxImportRows, ct);
        var errors = new List<string>();
        var changes = new List<(int CategoryId, string Code, string? PlatformCode)>();
        if (table is null) errors.Add(t[$"Import.Problem.{problem}", MaxImportRows, TableFiles.MaxUploadBytes / 1024 / 1024]);
        else
        {
            int Column(int i) => table.Headers.ToList().FindIndex(h => h == Columns[i].Chinese || string.Equals(h, Columns[i].English, StringComparison.OrdinalIgnoreCase));
            var (shopColumn, platformColumn) = (Column(0), Column(2));
            if (shopColumn < 0 || platformColumn < 0) errors.Add(t["Import.MissingColumns", $"{Columns[0].Chinese}, {Columns[2].Chinese}"]);
            else
            {
                var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
                var platform = (await db.Platform832Categories.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                foreach (var row in table.Rows)
                {
                    string Cell(int i) => i < row.Cells.Count ? TableFiles.UnguardFormula(row.Cells[i]) : "";
                    var (shopCode, platformCode) = (Cell(shopColumn), Cell(platformColumn));
                    if (!categories.TryGetValue(shopCode, out var category) || category.ParentCode is null)
                        errors.Add(t["P832Map.ImportUnknownShopCategory", row.Line, shopCode]);
                    else if (platformCode.Length > 0 && !platform.Contains(platformCode))
                        errors.Add(t["P832Map.ImportUnknownPlatformCategory", row.Line, platformCode]);
                    else if (changes.Any(c => c.CategoryId == category.Id))
                        errors.Add(t["P832Map.ImportTwice", row.Line, shopCode]);
                    else changes.Add((category.Id, shopCode, platformCode.Length == 0 ? null : platformCode));
                }
            }
        }
        if (errors.Count > 0)
        {
            ImportErrors = errors;
            ModelState.AddModelError("file", t["P832Map.ImportRefused", errors.Count]);
            await LoadAsync(ct);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int changed = 0, queued = 0;
        var existing = await db.Platform832CategoryMappings.AsNoTracking().ToDictionaryAsync(m => m.CategoryId, m => m.PlatformCategoryCode, ct);
        foreach (var change in changes.Where(c => existing.GetValueOrDefault(c.CategoryId) != c.PlatformCode))
        {
            var (_, count) = await CategoryMappings.MapAsync(db, change.CategoryId, change.PlatformCode, actor.Name, now, ct);
            changed++;
            queued += count;
        }
        audit.Record(actor.UserId, actor.Name, "Platform832.ImportCategoryMapping", "Platform832", "categories", details: $"{changed} of {changes.Count} lines changed a mapping");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Status"] = t["P832Map.Imported", changes.Count, changed, queued].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await CategoryMappings.RowsAsync(db, ct);
        PlatformCategories = await db.Platform832Categories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        Counties = await db.Platform832Counties.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        ReadAtUtc = await referenceData.ReadAtAsync(ct);
    }
}
