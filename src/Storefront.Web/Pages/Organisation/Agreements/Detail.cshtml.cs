using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Pages.Shared;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>
/// /organisation/agreements/{id}: one of the organisation's supply agreements, its terms and its deliveries
/// (<c>_AgreementDeliveries</c>), where a buyer changes or skips one within the notice.
/// </summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class DetailModel(StorefrontDbContext db, StandingDeliveries deliveries) : OrganisationPageModel
{
    public SupplyAgreement Agreement { get; private set; } = null!;
    public string SupplierName { get; private set; } = "";
    public string? ListingTitle { get; private set; }
    public AgreementDeliveriesView Deliveries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SupplyAgreement)] long id, CancellationToken ct)
    {
        var agreement = await db.SupplyAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.OrganisationId == Seat.OrganisationId, ct);
        if (agreement is null) return NotFound();
        Agreement = agreement;
        SupplierName = await db.Suppliers.Where(s => s.Id == agreement.SupplierId).Select(s => s.Name).SingleAsync(ct);
        ListingTitle = agreement.ListingId is { } listingId ? await db.Listings.Where(l => l.Id == listingId).Select(l => l.Title).SingleAsync(ct) : null;
        Deliveries = await AgreementDeliveriesView.LoadAsync(db, agreement, forSupplier: false, deliveries.Today, ct);
        return Page();
    }
}
