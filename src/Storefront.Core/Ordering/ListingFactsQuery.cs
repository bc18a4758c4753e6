using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

namespace Storefront.Core.Ordering;

/// <summary>Loads what pricing needs about listings, in one query, whether or not they can still be bought.</summary>
public static class ListingFactsQuery
{
    public static async Task<Dictionary<int, ListingFacts>> LoadAsync(StorefrontDbContext db, IEnumerable<int> listingIds, CancellationToken ct = default)
    {
        var ids = listingIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await db.Listings.AsNoTracking()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new
            {
                l.Id, l.Title, l.Unit, l.Spec, l.OriginCountyCode, l.SupplierId, SupplierName = l.Supplier.Name,
                l.MinOrderQuantity, l.Stock, l.LeadTimeDays,
                // The catalog's rule of what may be bought (CatalogSearch.Visible), evaluated rather than filtered.
                Available = l.Status == ListingStatus.Published
                    && l.Supplier.Status == VerificationStatus.Verified
                    && db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == l.OriginCountyCode),
                // A listing the catalog never showed (a draft, one refused in review, a deleted one) is nobody's business
                // but its supplier's: a buyer who types its code is answered as for a code that does not exist.
                ShownToBuyers = l.Status == ListingStatus.Published || l.Status == ListingStatus.Unpublished
                    || (l.Status == ListingStatus.PendingReview && l.PublishedAtUtc != null),
                Tiers = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => new PriceTier(t.MinQuantity, t.UnitPriceFen)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ListingFacts(
            r.Id, r.Title, r.Unit, r.Spec, r.OriginCountyCode, r.SupplierId, r.SupplierName,
            r.MinOrderQuantity, r.Stock, r.LeadTimeDays, r.Available, r.Tiers, r.ShownToBuyers));
    }
}
