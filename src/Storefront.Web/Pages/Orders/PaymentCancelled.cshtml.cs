using Microsoft.AspNetCore.Mvc;
using Storefront.Core.Data;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}/payment-cancelled: where Stripe Checkout returns a buyer who turned back. Nothing was paid;
/// the card page stays open until it expires (paying again returns to it), or the buyer withdraws it on the purchase.
/// </summary>
public class PaymentCancelledModel(StorefrontDbContext db) : StripeReturnPageModel(db)
{
    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Purchase)] long id, CancellationToken ct) => await LoadPurchaseAsync(id, ct) ?? Page();
}
