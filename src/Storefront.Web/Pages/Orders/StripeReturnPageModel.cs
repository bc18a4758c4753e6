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
/// The pages Stripe Checkout returns a buyer to: each names one purchase of the person's own organisation, and shows
/// nobody else's, whatever id the address carries.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public abstract class StripeReturnPageModel(StorefrontDbContext db) : OrganisationPageModel
{
    public long PurchaseId { get; private set; }
    public string PurchaseNumber { get; private set; } = "";
    protected StorefrontDbContext Db => db;

    /// <summary>Loads the purchase; null when it is the person's, else the result to answer with.</summary>
    protected async Task<IActionResult?> LoadPurchaseAsync(long id, CancellationToken ct)
    {
        var seat = Seat;
        var purchase = await db.Purchases.AsNoTracking().Where(p => p.Id == id && p.OrganisationId == seat.OrganisationId)
            .Select(p => new { p.Id, p.Number }).FirstOrDefaultAsync(ct);
        if (purchase is null) return NotFound();
        PurchaseId = purchase.Id;
        PurchaseNumber = purchase.Number;
        return null;
    }
}
