using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Data;
using Storefront.Web.Pages.Orders;

namespace Storefront.Web.Pages.Admin.Orders;

/// <summary>/admin/orders/{id}: any order with its lines, shipments, receipts and history.</summary>
public class DetailModel(StorefrontDbContext db) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var order = await OrderView.LoadAsync(db, db.Orders, id, ct);
        if (order is null) return NotFound();
        Order = order;
        return Page();
    }
}
