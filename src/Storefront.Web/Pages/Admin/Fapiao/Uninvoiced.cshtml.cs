using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Admin.Fapiao;

/// <summary>
/// /admin/fapiao: orders paid at least <see cref="Days"/> days ago and still not invoiced (no fapiao, or only fapiaos
/// reversed in whole), oldest payment first, whether the buyer asked for one or not; as a CSV or XLSX file too.
/// </summary>
public class UninvoicedModel(StorefrontDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int Days = 30;
    public const int PageSize = 500;

    public sealed record Row(long OrderId, string Number, string OrganisationName, string SupplierName, long TotalFen, DateTime PaidAtUtc,
        OrderStatus Status, DateTime? RequestedAtUtc);

    public IReadOnlyList<Row> Orders { get; private set; } = [];
    public int Count { get; private set; }
    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Count = await Query(db, NowUtc).CountAsync(ct);
        Orders = await RowsAsync(PageSize, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var rows = await RowsAsync(int.MaxValue, ct);
        string[] headers =
        [
            t["Order.Number"], t["Order.Organisation"], t["Order.Supplier"], t["Cart.Total"], t["Payment.PaidAt"], t["Fapiao.DaysSincePaid"],
            t["Order.Status"], t["Fapiao.RequestedAt"],
        ];
        var cells = rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.OrganisationName, r.SupplierName, r.TotalFen / 100m, ShanghaiTime.Format(r.PaidAtUtc), DaysSince(r.PaidAtUtc),
            t[$"OrderStatus.{r.Status}"].Value, r.RequestedAtUtc is { } at ? ShanghaiTime.Format(at) : t["Fapiao.NotRequestedShort"].Value,
        ]).ToList();
        return format?.ToLowerInvariant() switch
        {
            "csv" => File(TableFiles.WriteCsv(headers, cells), TableFiles.CsvContentType, "uninvoiced-orders.csv"),
            "xlsx" => File(TableFiles.WriteXlsx(headers, cells), TableFiles.XlsxContentType, "uninvoiced-orders.xlsx"),
            _ => NotFound(),
        };
    }

    public int DaysSince(DateTime paidAtUtc) => (int)(NowUtc - paidAtUtc).TotalDays;

    private Task<List<Row>> RowsAsync(int take, CancellationToken ct) =>
        Query(db, NowUtc).OrderBy(o => o.PaidAtUtc).ThenBy(o => o.Id).Take(take)
            .Select(o => new Row(o.Id, o.Number, o.Organisation.Name, o.Supplier.Name, o.TotalFen, o.PaidAtUtc!.Value, o.Status,
                db.FapiaoRequests.Where(r => r.OrderId == o.Id).Select(r => (DateTime?)r.RequestedAtUtc).FirstOrDefault()))
            .ToListAsync(ct);

    /// <summary>Paid (and not wholly refunded) <see cref="Days"/> days ago or more, and invoiced for nothing net.</summary>
    public static IQueryable<Order> Query(StorefrontDbContext db, DateTime nowUtc)
    {
        var paidBy = nowUtc.AddDays(-Days);
        return db.Orders.AsNoTracking()
            .Where(o => o.PaidAtUtc != null && o.PaidAtUtc <= paidBy
                && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Received || o.Status == OrderStatus.Completed)
                && (db.IssuedFapiaos.Where(f => f.OrderId == o.Id).Sum(f => (long?)f.AmountFen) ?? 0) <= 0);
    }
}
