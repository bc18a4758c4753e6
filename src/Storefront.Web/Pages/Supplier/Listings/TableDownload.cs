using Microsoft.AspNetCore.Mvc;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>A table as a CSV or XLSX download, chosen by ?format=.</summary>
public static class TableDownload
{
    public static FileContentResult File(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string? format, string name)
    {
        page.Response.Headers.CacheControl = "private, no-store";
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? new FileContentResult(TableFiles.WriteCsv(headers, rows), TableFiles.CsvContentType) { FileDownloadName = name + ".csv" }
            : new FileContentResult(TableFiles.WriteXlsx(headers, rows), TableFiles.XlsxContentType) { FileDownloadName = name + ".xlsx" };
    }
}
