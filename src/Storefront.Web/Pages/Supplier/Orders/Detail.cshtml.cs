using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Suppliers;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Papers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Orders;

/// <summary>
/// /supplier/orders/{id}: one of the supplier's orders. The supplier accepts or declines it (with a reason, before
/// accepting and payment) and ships it in one or several shipments. Another supplier's order is not found.
/// </summary>
public class DetailModel(
    StorefrontDbContext db, OrderWorkflow workflow, OrderPapers papers, ISupplierDocumentStore photos, Core.Fapiao.FapiaoDesk fapiaoDesk, Refunds refunds, PaymentOutbox outbox, CurrentActor actor, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public OrderView Order { get; private set; } = null!;
    /// <summary>The agreement and delivery date a standing order was made for; null for an order from a cart.</summary>
    public (long AgreementId, DateOnly Date)? Standing { get; private set; }
    public OrderPayment Payment { get; private set; } = null!;
    public FapiaoView Fapiao { get; private set; } = null!;

    [BindProperty, Display(Name = "Field.DeclineReason")]
    [StringLength(Core.Ordering.Order.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? DeclineReason { get; set; }

    [BindProperty, Display(Name = "Field.Carrier")]
    [StringLength(Shipment.CarrierMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Carrier { get; set; }

    [BindProperty, Display(Name = "Field.TrackingNumber")]
    [StringLength(Shipment.TrackingMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? TrackingNumber { get; set; }

    /// <summary>Units to ship now, by order line.</summary>
    // Named explicitly: unnamed, a form without these fields would have all its other fields bound as keys.
    [BindProperty(Name = "Ship")] public Dictionary<long, int> Ship { get; set; } = [];

    /// <summary>The buying organisation's rating of this order, once left.</summary>
    public SupplierRating? Rating { get; private set; }

    public bool MayAccept => Order.Status is OrderStatus.Approved or OrderStatus.Paid && Order.AcceptedAtUtc is null;
    public bool MayDecline => Order.Status == OrderStatus.Approved && Order.AcceptedAtUtc is null;
    public bool MayShip => OrderTransitions.MayShip(Order.Status) && Order.AcceptedAtUtc is not null && Order.Lines.Any(l => Order.Shipped(l.Id) < l.Quantity);

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct) =>
        ActAsync(id, order => workflow.AcceptAsync(order, actor.AsOrderActor(), ct), "SupplierOrders.Accepted", ct);

    public Task<IActionResult> OnPostDeclineAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct) =>
        ActAsync(id, order => workflow.DeclineAsync(order, actor.AsOrderActor(), DeclineReason, ct), "SupplierOrders.Declined", ct);

    public Task<IActionResult> OnPostShipAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct) =>
        ActAsync(id, order => workflow.ShipAsync(order, actor.AsOrderActor(), new OrderWorkflow.ShipmentDraft(Carrier, TrackingNumber, Ship), ct), "SupplierOrders.Shipped", ct);

    /// <summary>The supplier gives money back for its own order, in whole or in part, with a reason.</summary>
    public async Task<IActionResult> OnPostRefundAsync([TenantId(TenantRecord.Order)] long id, [Bind(Prefix = "Refund")] RefundInput refund, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var done = await refund.SubmitAsync(id, refunds, outbox, new Refunds.Actor(actor.UserId, actor.Name), ModelState, t, ct);
        if (done is null)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Status"] = done;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnGetDeliveryNoteAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PaperAsync(this, papers, SupplierOrders.Of(db, Seat.SupplierId), id, shipmentId, OrderPaperFiles.Kind.DeliveryNote, ct);

    public Task<IActionResult> OnGetAcceptanceRecordAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PaperAsync(this, papers, SupplierOrders.Of(db, Seat.SupplierId), id, shipmentId, OrderPaperFiles.Kind.AcceptanceRecord, ct);

    public Task<IActionResult> OnGetReceiptPhotoAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PhotoAsync(this, db, photos, SupplierOrders.Of(db, Seat.SupplierId), id, shipmentId, ct);

    private async Task<IActionResult> ActAsync(long id, Func<Core.Ordering.Order, Task<OrderWorkflow.Result>> act, string done, CancellationToken ct)
    {
        var seat = Seat;
        var order = await workflow.FindAsync(id, supplierId: seat.SupplierId, ct: ct);
        if (order is null || order.ApprovedAtUtc is null) return NotFound();
        if (ModelState.Keys.Any(k => k.StartsWith("Ship[", StringComparison.Ordinal) && ModelState[k]!.Errors.Count > 0))
            ModelState.AddModelError(string.Empty, t["SupplierOrders.ShipNotANumber"]);
        if (ModelState.IsValid)
        {
            var result = await act(order);
            if (result.Succeeded)
            {
                TempData["Status"] = t[done].Value;
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError(string.Empty, OrderText.Outcome(t, result));
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var seat = Seat;
        var order = await OrderView.LoadAsync(db, SupplierOrders.Of(db, seat.SupplierId), id, ct);
        if (order is null) return false;
        Order = order;
        Standing = await Pages.Shared.StandingOrigin.LoadAsync(db, id, ct);
        Payment = await OrderPayment.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        Rating = await db.SupplierRatings.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == id, ct);
        Fapiao = await FapiaoView.LoadAsync(db, fapiaoDesk, id, order.Status, ct);
        return true;
    }
}
