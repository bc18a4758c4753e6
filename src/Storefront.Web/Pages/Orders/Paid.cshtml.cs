using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}/paid: where Stripe Checkout returns the buyer after paying. The page only says what the
/// shop knows: the payment counts when Stripe's webhook confirms it, which may come a moment after the buyer.
/// </summary>
[Authorize]
public class PaidModel(StorefrontDbContext db, CurrentActor actor) : PageModel
{
    public long PurchaseId { get; private set; }
    public string PurchaseNumber { get; private set; } = "";
    public PaymentRequestStatus? Status { get; private set; }
    public long AmountFen { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? request, CancellationToken ct)
    {
        if (await actor.SeatWithAsync(OrganisationRoles.Buyer | OrganisationRoles.Approver | OrganisationRoles.OrgAdmin, ct) is not { } seat) return Forbid();
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == id && p.OrganisationId == seat.OrganisationId)
            .Select(p => new { p.Id, p.Number }).FirstOrDefaultAsync(ct);
        if (purchase is null) return NotFound();
        PurchaseId = purchase.Id;
        PurchaseNumber = purchase.Number;
        if (Guid.TryParseExact(request, "N", out var key)
            && await db.PaymentRequests.AsNoTracking().Where(r => r.Key == key && r.PurchaseId == id).Select(r => new { r.Status, r.AmountFen }).FirstOrDefaultAsync(ct) is { } found)
        {
            Status = found.Status;
            AmountFen = found.AmountFen;
        }
        return Page();
    }
}
