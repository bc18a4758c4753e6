using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;
using Storefront.Core.Suppliers;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Catalog;

/// <summary>/listings/{id}: one listing as a buyer needs it to decide: photos, origin, supplier, tiers, minimum order, stock.</summary>
[PublicPage]
[Performance.SharedWithSignedIn(KeyedByStock = true)]
[OutputCache(PolicyName = Performance.CatalogOutputCache.PolicyName)]
public class ListingModel(CatalogSearch catalog, CatalogStamp stamps, Performance.CatalogFragments shared, Core.Ordering.Cart cart,
    CurrentActor actor, Tenant tenant, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record PhotoView(string Hash, int Width, int Height, string Alt);

    public sealed record ListingView(
        int Id, string Code, string Title, string Unit, string Spec, int MinOrderQuantity, int Stock, int LeadTimeDays,
        string? CertificationNo, string Description, string CategoryName, string CategoryNameEn, string CategorySlug,
        string CountyCode, string CountyName, string? PrefectureName, string ProvinceCode, string ProvinceName,
        int SupplierId, string SupplierName, SupplierKind SupplierKind, string SupplierCountyName,
        IReadOnlyList<PriceTier> Tiers, IReadOnlyList<PhotoView> Photos);

    public ListingView Listing { get; private set; } = null!;

    /// <summary>Whether the visitor may put it in a cart: a buyer of an organisation.</summary>
    public bool MayBuy { get; private set; }

    [BindProperty, System.ComponentModel.DataAnnotations.Display(Name = "Field.Quantity")] public int? Quantity { get; set; }

    public async Task<IActionResult> OnGetAsync([PublicId] string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Quantity = Listing.MinOrderQuantity;
        return Page();
    }

    /// <summary>
    /// Adds the quantity to the buyer's cart; a quantity below the minimum order or above stock is said beside the
    /// field. The catalog's cards post here too, with the page to return to.
    /// </summary>
    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostAddToCartAsync([PublicId] string id, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var seat = tenant.Organisation!;
        if (Quantity is null or < 1) ModelState.AddModelError(nameof(Quantity), t["Validation.Required", t["Field.Quantity"]]);
        if (!ModelState.IsValid) return Page();
        var outcome = (await cart.AddAsync(actor.UserId!, seat.OrganisationId, [new Core.Ordering.Cart.Addition(Listing.Id, Quantity!.Value, 1)], ct)).Single();
        if (outcome.Refused is not null)
        {
            ModelState.AddModelError(nameof(Quantity), Cart.CartText.Refusal(t, outcome));
            return Page();
        }
        TempData["Status"] = t["Listing.AddedToCart", Listing.Title, outcome.CartQuantity, Listing.Unit].Value;
        return !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        MayBuy = await actor.SeatWithAsync(OrganisationRoles.Buyer, ct) is not null;
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var listingId)) return false;
        // The listing as the catalog shows it is read once per catalog stamp and shared by everyone; only its stock,
        // which checkout takes without a new stamp, is read for each request, in the same query as the stamp.
        var (stamp, stock) = await stamps.ReadAsync(listingId, ct);
        if (stock is null) return false;
        var view = await shared.SharedAsync((nameof(ListingView), stamp, listingId), () => ReadAsync(listingId, ct));
        if (view is null) return false;
        Listing = view with { Stock = stock.Value };
        return true;
    }

    private async Task<ListingView?> ReadAsync(int listingId, CancellationToken ct)
    {
        var found = await catalog.Visible()
            .Where(l => l.Id == listingId)
            .Select(l => new
            {
                l.Id, l.Title, l.Unit, l.Spec, l.MinOrderQuantity, l.Stock, l.LeadTimeDays, l.CertificationNo, l.Description,
                CategoryName = l.Category.Name, CategoryNameEn = l.Category.NameEn, CategorySlug = l.Category.Slug,
                l.OriginCountyCode, CountyName = l.OriginCounty.Name, l.OriginCounty.PrefectureName, l.OriginCounty.ProvinceCode, l.OriginCounty.ProvinceName,
                l.SupplierId, SupplierName = l.Supplier.Name, SupplierKind = l.Supplier.Kind, SupplierCountyName = l.Supplier.County.Name,
                Tiers = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => new PriceTier(t.MinQuantity, t.UnitPriceFen)).ToList(),
                Photos = l.Photos.OrderBy(p => p.Position).Select(p => new PhotoView(p.ContentHash, p.Width, p.Height, p.AltText)).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;

        return new ListingView(found.Id, Core.Catalog.Listing.CodeOf(found.Id), found.Title, found.Unit, found.Spec, found.MinOrderQuantity,
            found.Stock, found.LeadTimeDays, found.CertificationNo, found.Description, found.CategoryName, found.CategoryNameEn,
            found.CategorySlug, found.OriginCountyCode, found.CountyName, found.PrefectureName, found.ProvinceCode, found.ProvinceName,
            found.SupplierId, found.SupplierName, found.SupplierKind, found.SupplierCountyName, found.Tiers, found.Photos);
    }

    public string CategoryName => Cultures.IsEnglish ? Listing.CategoryNameEn : Listing.CategoryName;
}
