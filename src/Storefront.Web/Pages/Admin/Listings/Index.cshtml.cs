using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Listings;

/// <summary>
/// /admin/listings: new listings waiting for review when the platform requires it (a setting). An admin sees what the
/// buyers would see and approves, or rejects with a reason the supplier sees.
/// </summary>
public class IndexModel(
    StorefrontDbContext db,
    PlatformSettings settings,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const string SubjectType = "Listing";

    public sealed record Row(
        int Id, string Title, string SupplierName, string CategoryName, string CountyName, string Unit, string Spec,
        int MinOrderQuantity, int Stock, string Description, string? CertificationNo, DateTime UpdatedAtUtc,
        IReadOnlyList<PriceTier> Tiers, string? PhotoHash, int PhotoWidth, int PhotoHeight);

    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public bool ReviewRequired { get; private set; }

    [BindProperty]
    [StringLength(Listing.ReviewNoteMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null) return NotFound();
        if (!listing.ApproveReview(clock.GetUtcNow().UtcDateTime)) return await NotPendingAsync(ct);
        audit.Record(actor.UserId, actor.Name, "Listing.ApproveReview", SubjectType, id.ToString(CultureInfo.InvariantCulture));
        return await SavedAsync("AdminListings.Approved", listing.Title, ct);
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct)
    {
        var listing = await db.Listings.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (listing is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError($"reason-{id}", t["AdminSuppliers.ReasonRequired"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        if (!listing.RejectReview(Reason!, clock.GetUtcNow().UtcDateTime)) return await NotPendingAsync(ct);
        audit.Record(actor.UserId, actor.Name, "Listing.RejectReview", SubjectType, id.ToString(CultureInfo.InvariantCulture), reason: Reason!.Trim());
        return await SavedAsync("AdminListings.Rejected", listing.Title, ct);
    }

    private async Task<IActionResult> NotPendingAsync(CancellationToken ct)
    {
        ModelState.AddModelError(string.Empty, t["AdminListings.NotPending"]);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> SavedAsync(string messageKey, string title, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, t["Listings.ChangedMeanwhileReload"]);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = t[messageKey, title].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ReviewRequired = await settings.RequireListingReviewAsync(ct);
        var english = Cultures.IsEnglish;
        Pending = await db.Listings.AsNoTracking()
            .Where(l => l.Status == ListingStatus.PendingReview)
            .OrderBy(l => l.UpdatedAtUtc).ThenBy(l => l.Id)
            .Select(l => new Row(l.Id, l.Title, l.Supplier.Name, english ? l.Category.NameEn : l.Category.Name, l.OriginCounty.Name,
                l.Unit, l.Spec, l.MinOrderQuantity, l.Stock, l.Description, l.CertificationNo, l.UpdatedAtUtc,
                l.PriceTiers.OrderBy(p => p.MinQuantity).Select(p => new PriceTier(p.MinQuantity, p.UnitPriceFen)).ToList(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.ContentHash).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Width).FirstOrDefault(),
                l.Photos.OrderBy(p => p.Position).Select(p => p.Height).FirstOrDefault()))
            .AsSplitQuery()
            .ToListAsync(ct);
    }
}
