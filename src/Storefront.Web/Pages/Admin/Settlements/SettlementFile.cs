using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Storefront.Core.Money;
using Storefront.Core.Payments;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Admin.Settlements;

/// <summary>A supplier's statement as a CSV or XLSX file: one row per paid order, then the settlements and the totals.</summary>
public static class SettlementFile
{
    public static IActionResult? For(Core.Payments.Settlements.Statement statement, string? format, IStringLocalizer t)
    {
        string[] headers =
        [
            t["Settlement.Order"], t["Order.Organisation"], t["Payment.PaidAt"], t["Order.Status"], t["Settlement.Paid"],
            t["Settlement.Refunded"], t["Settlement.Owed"], t["Settlement.AwaitingReceipt"],
        ];
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var o in statement.Orders)
            rows.Add([o.Number, o.OrganisationName, ShanghaiTime.Format(o.PaidAtUtc), t[$"OrderStatus.{o.Status}"].Value,
                Yuan(o.TotalFen), Yuan(o.RefundedFen), Yuan(o.OwedFen), Yuan(o.AwaitingReceiptFen)]);
        foreach (var s in statement.Settlements)
            rows.Add([t["Settlement.Settled"].Value, s.Reference, s.SettledOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Note, null, null, Yuan(-s.AmountFen), null]);
        rows.Add([t["Settlement.Total"].Value, null, null, null, Yuan(statement.PaidFen), Yuan(statement.RefundedFen), Yuan(statement.BalanceFen), Yuan(statement.AwaitingReceiptFen)]);
        var name = $"settlement-{statement.SupplierId}";
        return format?.ToLowerInvariant() switch
        {
            "csv" => new FileContentResult(TableFiles.WriteCsv(headers, rows), TableFiles.CsvContentType) { FileDownloadName = name + ".csv" },
            "xlsx" => new FileContentResult(TableFiles.WriteXlsx(headers, rows), TableFiles.XlsxContentType) { FileDownloadName = name + ".xlsx" },
            _ => null,
        };
    }

    /// <summary>Yuan as a decimal number, so that a spreadsheet adds the column up.</summary>
    private static decimal Yuan(long fen) => fen / 100m;
}
