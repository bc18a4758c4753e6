using Microsoft.AspNetCore.Mvc;
using Storefront.Web.Tables;

namespace Storefront.Web.Quotas;

/// <summary>A table of an admin quota page as it is exported: headers in the reader's language, and plain values.</summary>
public sealed record QuotaTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>The table as a CSV (UTF-8 with BOM) or XLSX download named after the table and year; null for another format.</summary>
    public FileContentResult? ToFile(string? format, int year)
    {
        var name = $"{Name}-{year}";
        return format?.ToLowerInvariant() switch
        {
            "csv" => new FileContentResult(TableFiles.WriteCsv(Headers, Rows), TableFiles.CsvContentType) { FileDownloadName = name + ".csv" },
            "xlsx" => new FileContentResult(TableFiles.WriteXlsx(Headers, Rows), TableFiles.XlsxContentType) { FileDownloadName = name + ".xlsx" },
            _ => null,
        };
    }

    /// <summary>Yuan with two decimals, as a number a spreadsheet can add up.</summary>
    public static decimal Yuan(long fen) => fen / 100m;
}
