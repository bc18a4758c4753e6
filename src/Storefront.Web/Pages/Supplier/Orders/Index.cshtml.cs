using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Orders;

/// <summary>
/// /supplier/orders: the supplier's own orders once they have gone on to payment (an order waiting for the buyer's
/// approver is the buyer's business), what needs accepting and shipping first.
/// </summary>
public class IndexModel(StorefrontDbContext db) : SupplierPageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, string Number, string OrganisationName, long TotalFen, OrderStatus Status, bool Accepted, DateTime CreatedAtUtc, DateOnly RequestedDeliveryDate);

    [BindProperty(SupportsGet = true)] public OrderStatus? Status { get; set; }
    public IReadOnlyList<Row> Orders { get; private set; } = [];
    public string SupplierName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        SupplierName = seat.SupplierName;
        Orders = await SupplierOrders.Of(db, seat.SupplierId).AsNoTracking()
            .Where(o => Status == null || o.Status == Status)
            .OrderByDescending(o => o.Id)
            .Take(PageSize)
            .Select(o => new Row(o.Id, o.Number, o.Organisation.Name, o.TotalFen, o.Status, o.AcceptedAtUtc != null, o.CreatedAtUtc, o.Purchase.RequestedDeliveryDate))
            .ToListAsync(ct);
        return Page();
    }
}

public static class SupplierOrders
{
    /// <summary>A supplier's orders that have reached it: approved for payment at some point (cancelled after that included).</summary>
    public static IQueryable<Order> Of(StorefrontDbContext db, int supplierId) =>
        db.Orders.Where(o => o.SupplierId == supplierId && o.ApprovedAtUtc != null);
}
