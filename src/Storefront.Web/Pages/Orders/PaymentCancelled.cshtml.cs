using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}/payment-cancelled: where Stripe Checkout returns a buyer who turned back. Nothing was paid;
/// the card page stays open until it expires (paying again returns to it), or the buyer withdraws it on the purchase.
/// </summary>
[Authorize]
public class PaymentCancelledModel(StorefrontDbContext db, CurrentActor actor) : PageModel
{
    public long PurchaseId { get; private set; }
    public string PurchaseNumber { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await actor.SeatWithAsync(OrganisationRoles.Buyer | OrganisationRoles.Approver | OrganisationRoles.OrgAdmin, ct) is not { } seat) return Forbid();
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == id && p.OrganisationId == seat.OrganisationId)
            .Select(p => new { p.Id, p.Number }).FirstOrDefaultAsync(ct);
        if (purchase is null) return NotFound();
        PurchaseId = purchase.Id;
        PurchaseNumber = purchase.Number;
        return Page();
    }
}
