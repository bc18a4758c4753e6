using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>
/// /supplier/listings: the supplier's listings in a table, one row each, with the stock adjustable in place and the
/// status actions (publish, unpublish, delete); and the export of the table as CSV or XLSX.
/// </summary>
public class IndexModel(
    StorefrontDbContext db,
    PlatformSettings settings,
    Storefront.Platform832.Status.ListingPlatformStatusQuery platformStatus,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public sealed record Row(
        int Id, string Title, string Unit, ListingStatus Status, long BasePriceFen, int Stock, int Revision, string? ReviewNote,
        string? PhotoHash, int PhotoWidth, int PhotoHeight, int PhotoCount);

    public IReadOnlyList<Row> Listings { get; private set; } = [];
    public bool MaySell { get; private set; }
    public bool ReviewRequired { get; private set; }
    /// <summary>Each listing's standing on the 832 platform (issue 7); absent when the supplier has no 832 code.</summary>
    public IReadOnlyDictionary<int, Storefront.Platform832.Status.ListingPlatformStatus> PlatformStatuses { get; private set; } =
        new Dictionary<int, Storefront.Platform832.Status.ListingPlatformStatus>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Sets the stock counted in the store room. The revision seen with the row must still be current.</summary>
    public async Task<IActionResult> OnPostStockAsync([TenantId(TenantRecord.Listing)] int id, int? stock, int revision, CancellationToken ct)
    {
        var listing = await FindAsync(id, ct);
        if (listing is null) return NotFound();
        var key = $"stock-{id}";
        if (stock is null || stock < 0) ModelState.AddModelError(key, t["Listings.StockInvalid"]);
        else if (listing.Revision != revision) ModelState.AddModelError(key, t["Listings.ChangedMeanwhile", listing.Stock]);
        if (ModelState.IsValid)
        {
            listing.SetStock(stock!.Value, clock.GetUtcNow().UtcDateTime);
            if (await TrySaveAsync(ct))
            {
                TempData["Status"] = t["Listings.StockSaved", listing.Title, listing.Stock].Value;
                return RedirectToPage(new { supplier = SupplierRoute });
            }
            ModelState.AddModelError(key, t["Listings.ChangedMeanwhileReload"]);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync([TenantId(TenantRecord.Listing)] int id, CancellationToken ct)
    {
        var listing = await FindAsync(id, ct);
        if (listing is null) return NotFound();
        var supplier = await db.Suppliers.AsNoTracking().Where(s => s.Id == SupplierId).Select(s => s.Status).SingleAsync(ct);
        var outcome = listing.Publish(supplier == Core.Organisations.VerificationStatus.Verified,
            await settings.RequireListingReviewAsync(ct), clock.GetUtcNow().UtcDateTime);
        return await StatusChangedAsync(listing, outcome switch
        {
            Listing.PublishOutcome.Published => "Listings.Published",
            Listing.PublishOutcome.SentForReview => "Listings.SentForReview",
            Listing.PublishOutcome.SupplierMayNotSell => "Listings.SupplierMayNotSell",
            _ => "Listings.CannotPublish",
        }, changed: outcome is Listing.PublishOutcome.Published or Listing.PublishOutcome.SentForReview, ct);
    }

    public async Task<IActionResult> OnPostUnpublishAsync([TenantId(TenantRecord.Listing)] int id, CancellationToken ct)
    {
        var listing = await FindAsync(id, ct);
        if (listing is null) return NotFound();
        var changed = listing.Unpublish(clock.GetUtcNow().UtcDateTime);
        return await StatusChangedAsync(listing, changed ? "Listings.Unpublished" : "Listings.CannotUnpublish", changed, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync([TenantId(TenantRecord.Listing)] int id, CancellationToken ct)
    {
        var listing = await FindAsync(id, ct);
        if (listing is null) return NotFound();
        var changed = listing.Delete(clock.GetUtcNow().UtcDateTime);
        return await StatusChangedAsync(listing, "Listings.Deleted", changed, ct);
    }

    /// <summary>Downloads the listings as a table to edit and import again: ?handler=Export&amp;format=xlsx (or csv).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var rows = (await ListingTable.ExportAsync(db, SupplierId, ct))
            .Select(r => (IReadOnlyList<object?>)r.Select(cell => cell is ListingStatus s ? t[$"ListingStatus.{s}"].Value : cell).ToList());
        return TableDownload.File(this, ListingTable.Headers(Cultures.IsEnglish), rows, format, $"listings-{ShanghaiToday()}");
    }

    private string ShanghaiToday() => Core.Money.ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IActionResult> StatusChangedAsync(Listing listing, string messageKey, bool changed, CancellationToken ct)
    {
        if (changed && !await TrySaveAsync(ct)) messageKey = "Listings.ChangedMeanwhileReload";
        TempData["Status"] = t[messageKey, listing.Title].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    // Only this supplier's listings are found; a guessed id of another supplier's listing is "not found", the same as none.
    private Task<Listing?> FindAsync(int id, CancellationToken ct) =>
        db.Listings.FirstOrDefaultAsync(l => l.Id == id && l.SupplierId == SupplierId && l.Status != ListingStatus.Deleted, ct);

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MaySell = await db.Suppliers.AnyAsync(s => s.Id == SupplierId && s.Status == Core.Organisations.VerificationStatus.Verified, ct);
        ReviewRequired = await settings.RequireListingReviewAsync(ct);
        Listings = await db.Listings.AsNoTracking()
            .Where(l => l.SupplierId == SupplierId && l.Status != ListingStatus.Deleted)
            .OrderByDescending(l => l.UpdatedAtUtc).ThenByDescending(l => l.Id)
            .Select(l => new Row(l.Id, l.Title, l.Unit, l.Status, l.BasePriceFen, l.Stock, l.Revision, l.ReviewNote,
                l.Photos.OrderBy(p => p.Position).Select(p => p.ContentHash).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Width).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Height).FirstOrDefault(),
                l.Photos.Count))
            .ToListAsync(ct);
        PlatformStatuses = await platformStatus.ForListingsAsync(Listings.Select(l => l.Id).ToList(), ct);
    }
}
