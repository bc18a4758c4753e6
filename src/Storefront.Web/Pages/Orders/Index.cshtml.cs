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
[Performance.SharedWithSignedIn(OwnOrganisation = true)]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class IndexModel(StorefrontDbContext db) : OrganisationPageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, string Number, long PurchaseId, string SupplierName, long TotalFen, OrderStatus Status, CancellationKind? Cancellation, DateTime CreatedAtUtc);

    [BindProperty(SupportsGet = true)] public OrderStatus? Status { get; set; }
    public IReadOnlyList<Row> Orders { get; private set; } = [];

    // Compiled: every visit of the list runs it, and composing it per request was a third of the page (issue 13).
    private static readonly CompiledPerModel<Func<StorefrontDbContext, int, OrderStatus?, IAsyncEnumerable<Row>>> ReadOrders = new(() => EF.CompileAsyncQuery(
        (StorefrontDbContext db, int organisationId, OrderStatus? status) => db.Orders.AsNoTracking()
            .Where(o => o.OrganisationId == organisationId && (status == null || o.Status == status))
            .OrderByDescending(o => o.Id)
            .Take(PageSize)
            .Select(o => new Row(o.Id, o.Number, o.PurchaseId, o.Supplier.Name, o.TotalFen, o.Status, o.Cancellation, o.CreatedAtUtc))));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var rows = new List<Row>();
        await foreach (var row in ReadOrders.For(db)(db, Seat.OrganisationId, Status).WithCancellation(ct)) rows.Add(row);
        Orders = rows;
        return Page();
    }
}
