using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Payments;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Orders;

/// <summary>/admin/orders/{id}: any order with its lines, shipments, receipts, history, payment and fapiaos; admins refund it (audited).</summary>
public class DetailModel(
    StorefrontDbContext db, Core.Fapiao.FapiaoDesk fapiaoDesk, Refunds refunds, PaymentOutbox outbox, AuditLog audit, CurrentActor actor, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public OrderPayment Payment { get; private set; } = null!;
    public FapiaoView Fapiao { get; private set; } = null!;
    public string FapiaoFiles => $"/supplier/orders/{Order.Id}/fapiao";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRefundAsync(long id, [Bind(Prefix = "Refund")] RefundInput refund, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // Describes the action's entry, which the admin audit filter writes with the refund, or not at all when it is refused.
        audit.Record(actor.UserId, actor.Name, "Payment.Refund", "Order", id.ToString(CultureInfo.InvariantCulture), details: $"{refund.Amount} {refund.Reason}");
        var done = await refund.SubmitAsync(id, refunds, outbox, new Refunds.Actor(actor.UserId, actor.Name), ModelState, t, ct);
        if (done is null)
        {
            await LoadAsync(id, ct);
            return Page();
        }
        TempData["Status"] = done;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var order = await OrderView.LoadAsync(db, db.Orders, id, ct);
        if (order is null) return false;
        Order = order;
        Payment = await OrderPayment.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        Fapiao = await FapiaoView.LoadAsync(db, fapiaoDesk, id, order.Status, ct);
        return true;
    }
}
