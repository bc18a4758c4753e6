using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Core.Regions;
using Storefront.Core.Settings;

namespace Storefront.Web.Pages.Admin;

/// <summary>
/// The admins' start page: every tool, each tile with the count of what waits in it, so that the header keeps only the
/// daily queues and this page is where the rest is found.
/// </summary>
public class IndexModel(StorefrontDbContext db, TimeProvider clock, PaymentRequests payments, PlatformSettings settings) : PageModel
{
    /// <summary>Offline (no Stripe) and no collection account: buyers have no way to pay, which the admin must hear first.</summary>
    public bool BuyersCannotPay { get; private set; }

    /// <summary>One tool: where it is, its name and a count to show (null: nothing to count); a queue with work in it stands out.</summary>
    public sealed record Tile(string Id, string Href, string NameKey, string? CountKey, int? Count, bool Queue = true)
    {
        public bool Waiting => Queue && Count > 0;
    }

    public IReadOnlyList<Tile> Queues { get; private set; } = [];
    public IReadOnlyList<Tile> Tools { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        BuyersCannotPay = !payments.IsEnabled && await settings.CollectionAccountAsync(ct) is null;
        // A handful of counts on indexed columns: one small query each.
        var pendingSuppliers = await db.Suppliers.CountAsync(s => s.Status == VerificationStatus.Pending, ct);
        var pendingOrganisations = await db.Organisations.CountAsync(o => o.Status == VerificationStatus.Pending, ct);
        var listingsToReview = await db.Listings.CountAsync(l => l.Status == ListingStatus.PendingReview, ct);
        var purchasesDue = await db.Purchases.CountAsync(p => p.Orders.Any(o => o.Status == OrderStatus.Approved), ct);
        var filingsToReview = await db.CanteenFilings.CountAsync(f => f.Status == FilingStatus.Submitted, ct);
        var parked = await db.ListingSyncRecords.CountAsync(r => r.State == ListingSyncState.Parked, ct);
        var unmatched = await db.Platform832Orders.CountAsync(o => o.OrganisationId == null, ct);
        var counties = await db.DesignatedCounties.Current().CountAsync(ct);
        var uninvoiced = await Fapiao.UninvoicedModel.Query(db, clock.GetUtcNow().UtcDateTime).CountAsync(ct);

        Queues =
        [
            new("tile-suppliers", "/admin/suppliers", "Admin.PendingSuppliers", "Admin.Waiting", pendingSuppliers),
            new("tile-organisations", "/admin/organisations", "Admin.PendingOrganisations", "Admin.Waiting", pendingOrganisations),
            new("tile-listings", "/admin/listings", "Admin.ListingsToReview", "Admin.Waiting", listingsToReview),
            new("tile-transfers", "/admin/orders?due=true", "Admin.PurchasesDue", "Admin.Waiting", purchasesDue),
            new("tile-filings", "/admin/quotas/filings?status=Submitted", "Admin.FilingsToReview", "Admin.Waiting", filingsToReview),
            new("tile-sync", "/admin/sync", "Nav.Sync832", "Admin.Parked", parked),
            new("tile-832-orders", "/admin/platform832-orders", "P832Orders.Title", "Admin.Waiting", unmatched),
            new("tile-uninvoiced", "/admin/fapiao", "Fapiao.AdminTitle", "Admin.Waiting", uninvoiced),
        ];
        Tools =
        [
            new("tile-quotas", "/admin/quotas", "Nav.QuotaAdmin", null, null, Queue: false),
            new("tile-settlements", "/admin/settlements", "Nav.Settlements", null, null, Queue: false),
            new("tile-counties", "/admin/designated-counties", "Admin.DesignatedCounties", "Admin.DesignatedCountyCount", counties, Queue: false),
            new("tile-settings", "/admin/settings", "AdminSettings.Title", null, null, Queue: false),
            new("tile-audit", "/admin/audit", "Audit.Title", null, null, Queue: false),
            new("tile-zones", "/admin/zones", "Zones.Title", null, null, Queue: false),
        ];
    }
}
