using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Pages.Shared;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Agreements;

/// <summary>
/// /supplier/agreements/{id}: an agreement the supplier signed, its terms and its deliveries (<c>_AgreementDeliveries</c>),
/// where the supplier confirms or declines each.
/// </summary>
public class DetailModel(StorefrontDbContext db, StandingDeliveries deliveries) : SupplierPageModel
{
    public SupplyAgreement Agreement { get; private set; } = null!;
    public string OrganisationName { get; private set; } = "";
    public string? ListingTitle { get; private set; }
    public AgreementDeliveriesView Deliveries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct)
    {
        var agreement = await db.SupplyAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.SupplierId == SupplierId, ct);
        if (agreement is null) return NotFound();
        Agreement = agreement;
        OrganisationName = await db.Organisations.Where(o => o.Id == agreement.OrganisationId).Select(o => o.Name).SingleAsync(ct);
        ListingTitle = agreement.ListingId is { } listingId ? await db.Listings.Where(l => l.Id == listingId).Select(l => l.Title).SingleAsync(ct) : null;
        Deliveries = await AgreementDeliveriesView.LoadAsync(db, agreement, forSupplier: true, deliveries.Today, ct);
        return Page();
    }
}
