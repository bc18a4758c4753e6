using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Catalog;

/// <summary>
/// /suppliers/{id}: the cooperative or enterprise behind listings, as a canteen manager checks it before buying: who it
/// is, where it farms, which licences it was verified with (their kinds, never the files), how its income reaches
/// farmers, and what it sells now. Only verified suppliers have a page; any other id is not found.
/// </summary>
[PublicPage]
public class SupplierProfileModel(StorefrontDbContext db, CatalogSearch catalog, Core.Ordering.SupplierRatings ratings) : PageModel
{
    public sealed record ProfileView(
        int Id, string Name, SupplierKind Kind, string CountyCode, string CountyName, string? PrefectureName, string ProvinceName,
        DateTime? VerifiedAtUtc, string FarmerLinkDescription, int BenefitingHouseholds, IReadOnlyList<SupplierDocumentKind> Licences);

    public ProfileView Supplier { get; private set; } = null!;
    public CatalogPage Listings { get; private set; } = null!;
    /// <summary>Buyers' ratings, left after acceptance, one per order; null when there are none yet.</summary>
    public Core.Ordering.SupplierRatings.Summary? Ratings { get; private set; }

    public async Task<IActionResult> OnGetAsync([PublicId] string id, CancellationToken ct)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var supplierId)) return NotFound();
        var found = await db.Suppliers.AsNoTracking()
            .Where(s => s.Id == supplierId && s.Status == VerificationStatus.Verified)
            .Select(s => new
            {
                s.Id, s.Name, s.Kind, s.CountyCode, CountyName = s.County.Name, s.County.PrefectureName, s.County.ProvinceName,
                s.VerifiedAtUtc, s.FarmerLinkDescription, s.BenefitingHouseholds,
            })
            .FirstOrDefaultAsync(ct);
        if (found is null) return NotFound();
        var licences = await db.SupplierDocuments.AsNoTracking().Where(d => d.SupplierId == supplierId).Select(d => d.Kind).Distinct().ToListAsync(ct);
        Supplier = new ProfileView(found.Id, found.Name, found.Kind, found.CountyCode, found.CountyName, found.PrefectureName, found.ProvinceName,
            found.VerifiedAtUtc, found.FarmerLinkDescription, found.BenefitingHouseholds, [.. licences.Order()]);
        Ratings = await ratings.SummaryAsync(supplierId, ct);
        Listings = await catalog.SearchAsync(new CatalogQuery(SupplierId: supplierId, Sort: CatalogSort.Newest), Localization.Cultures.IsEnglish, ct);
        return Page();
    }
}
