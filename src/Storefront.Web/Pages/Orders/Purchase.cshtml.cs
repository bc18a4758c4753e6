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

/// <summary>/orders/purchases/{id}: one checkout of the organisation: its orders, what is due and how to pay it.</summary>
[Authorize]
public class PurchaseModel(StorefrontDbContext db, CurrentActor actor) : PageModel
{
    public PurchaseView Purchase { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await actor.SeatWithAsync(OrganisationRoles.Buyer | OrganisationRoles.Approver | OrganisationRoles.OrgAdmin, ct) is not { } seat) return Forbid();
        var purchase = await PurchaseView.LoadAsync(db, db.Purchases.Where(p => p.OrganisationId == seat.OrganisationId), id, ct);
        if (purchase is null) return NotFound();
        Purchase = purchase;
        return Page();
    }
}

/// <summary>A purchase with its orders and payments, as the buyer's and the admins' pages show it.</summary>
public sealed record PurchaseView(
    long Id, string Number, int OrganisationId, string OrganisationName, string BuyerName, long TotalFen, DateTime CreatedAtUtc,
    DateOnly RequestedDeliveryDate, string? PurchaseOrderReference, bool IsTradeUnion,
    IReadOnlyList<PurchaseView.OrderRow> Orders, IReadOnlyList<PurchaseView.PaymentRow> Payments)
{
    public sealed record OrderRow(long Id, string Number, string SupplierName, long TotalFen, OrderStatus Status);
    public sealed record PaymentRow(long Id, PaymentMethod Method, long AmountFen, DateTime PaidAtUtc, string Reference);

    /// <summary>What is owed now: the approved orders not yet paid (the same rule as <see cref="PaymentConfirmation.DueFen"/>).</summary>
    public long DueFen => Orders.Where(o => o.Status == OrderStatus.Approved).Sum(o => o.TotalFen);

    public bool AwaitsApproval => Orders.Any(o => o.Status == OrderStatus.PendingApproval);

    public static Task<PurchaseView?> LoadAsync(StorefrontDbContext db, IQueryable<Purchase> scope, long id, CancellationToken ct) =>
        scope.AsNoTracking().Where(p => p.Id == id).Select(p => new PurchaseView(
            p.Id, p.Number, p.OrganisationId, p.Organisation.Name,
            db.Users.Where(u => u.Id == p.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            p.TotalFen, p.CreatedAtUtc, p.RequestedDeliveryDate, p.PurchaseOrderReference, p.IsTradeUnion,
            p.Orders.OrderBy(o => o.Sequence).Select(o => new OrderRow(o.Id, o.Number, o.Supplier.Name, o.TotalFen, o.Status)).ToList(),
            p.Payments.OrderBy(x => x.Id).Select(x => new PaymentRow(x.Id, x.Method, x.AmountFen, x.PaidAtUtc, x.Reference)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
}
