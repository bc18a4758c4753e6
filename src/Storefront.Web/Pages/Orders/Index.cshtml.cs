using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>/orders: the organisation's orders, newest first, for any of its members; its own orders only.</summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class IndexModel(StorefrontDbContext db) : OrganisationPageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, string Number, long PurchaseId, string SupplierName, long TotalFen, OrderStatus Status, CancellationKind? Cancellation, DateTime CreatedAtUtc);

    [BindProperty(SupportsGet = true)] public OrderStatus? Status { get; set; }
    public IReadOnlyList<Row> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        Orders = await db.Orders.AsNoTracking()
            .Where(o => o.OrganisationId == seat.OrganisationId && (Status == null || o.Status == Status))
            .OrderByDescending(o => o.Id)
            .Take(PageSize)
            .Select(o => new Row(o.Id, o.Number, o.PurchaseId, o.Supplier.Name, o.TotalFen, o.Status, o.Cancellation, o.CreatedAtUtc))
            .ToListAsync(ct);
        return Page();
    }
}
