using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Web.Localization;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>
/// /supplier/listings/import: a table of listings (CSV or XLSX, as exported or from the template) creates drafts and
/// updates listings. Every row is checked; the refused ones are listed with their line and reasons, and the valid ones
/// are applied in one transaction, or none, as the supplier chose.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = TableFiles.MaxUploadBytes + 64 * 1024)]
[RequestSizeLimit(TableFiles.MaxUploadBytes + 64 * 1024)]
public class ImportModel(ListingImport import, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public sealed record RefusedLine(int Line, string Code, string Title, IReadOnlyList<string> Reasons);

    [BindProperty] public ListingImport.Mode Mode { get; set; } = ListingImport.Mode.AllOrNothing;
    public ListingImport.Result? Result { get; private set; }
    public IReadOnlyList<RefusedLine> Refused { get; private set; } = [];

    public void OnGet() { }

    public IActionResult OnGetTemplate(string? format) =>
        TableDownload.File(this, ListingTable.Headers(Cultures.IsEnglish), [ListingTable.ExampleRow()], format, "listings-template");

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Enum.IsDefined(Mode)) ModelState.AddModelError(nameof(Mode), t["Binding.UnknownInvalid"]);
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Import.NoFile"]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var (table, problem) = await TableFiles.ReadAsync(stream, ListingImport.MaxRows, ct);
        if (table is null)
        {
            ModelState.AddModelError("file", t[$"Import.Problem.{problem}", ListingImport.MaxRows, TableFiles.MaxUploadBytes / 1024 / 1024]);
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        Result = await import.ImportAsync(SupplierId, table, Mode, Cultures.IsEnglish, ct);
        if (Result.MissingColumns.Count > 0)
            ModelState.AddModelError("file", t["Import.MissingColumns", string.Join(", ", Result.MissingColumns)]);
        else if (Result.Conflict)
            ModelState.AddModelError("file", t["Import.Conflict"]);
        Refused = Result.Refused
            .Select(r => new RefusedLine(r.Line, r.Code, r.Title,
                r.Problems.Select(p => $"{ListingMessages.FieldName(t, p.Field)}{(p.TierIndex >= 0 ? $" {p.TierIndex + 1}" : "")}: {ListingMessages.Describe(t, p)}").ToList()))
            .ToList();
        return Page();
    }
}
