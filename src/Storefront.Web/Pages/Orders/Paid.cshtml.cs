using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Payments;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}/paid: where Stripe Checkout returns the buyer after paying. The page only says what the
/// shop knows: the payment counts when Stripe's webhook confirms it, which may come a moment after the buyer.
/// </summary>
public class PaidModel(StorefrontDbContext db) : StripeReturnPageModel(db)
{
    public PaymentRequestStatus? Status { get; private set; }
    public long AmountFen { get; private set; }

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Purchase)] long id, string? request, CancellationToken ct)
    {
        if (await LoadPurchaseAsync(id, ct) is { } refused) return refused;
        if (Guid.TryParseExact(request, "N", out var key)
            && await Db.PaymentRequests.AsNoTracking().Where(r => r.Key == key && r.PurchaseId == id).Select(r => new { r.Status, r.AmountFen }).FirstOrDefaultAsync(ct) is { } found)
        {
            Status = found.Status;
            AmountFen = found.AmountFen;
        }
        return Page();
    }
}
