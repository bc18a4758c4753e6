using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Photos;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>
/// /supplier/listings/{id}/photos: up to ten photos of a listing, in order, the first the main photo. Uploads go
/// through the photo pipeline; a refusal is a message beside the file field, never an error page.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class PhotosModel(
    StorefrontDbContext db,
    IPhotoProcessor processor,
    ListingPhotoAlbum album,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    // Room for a few photos at their limit in one upload; a photo above its own limit is refused by the pipeline with a message.
    public const long MaxRequestBytes = 4 * IPhotoProcessor.MaxBytes;

    public sealed record PhotoRow(int Id, int Position, string Hash, int Width, int Height, string AltText);

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public ListingStatus Status { get; private set; }
    public IReadOnlyList<PhotoRow> Photos { get; private set; } = [];
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Listing)] int id, CancellationToken ct)
    {
        if (await FindAsync(id, tracked: false, ct) is not { } listing) return NotFound();
        await LoadAsync(listing, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync([TenantId(TenantRecord.Listing)] int id, List<IFormFile>? files, CancellationToken ct)
    {
        if (await FindAsync(id, tracked: true, ct) is not { } listing) return NotFound();
        var chosen = files?.Where(f => f.Length > 0).ToList() ?? [];
        var refusals = new List<string>();
        if (chosen.Count == 0) refusals.Add(t["Photos.NoFile"]);
        var added = 0;
        foreach (var file in chosen)
        {
            PhotoResult result;
            await using (var stream = file.OpenReadStream()) result = await processor.ProcessAsync(stream, ct);
            var name = Path.GetFileName(file.FileName);
            if (!result.Accepted)
            {
                refusals.Add(t["Photos.Refused", name, t[$"Photos.Refusal.{result.Refusal}"]]);
                continue;
            }
            var outcome = await album.AddAsync(listing, result, listing.Title, ct);
            if (outcome == ListingPhotoAlbum.Outcome.Done) added++;
            else
            {
                refusals.Add(t["Photos.Refused", name, t[$"Photos.Outcome.{outcome}", ListingPhotoAlbum.MaxPhotos]]);
                if (outcome == ListingPhotoAlbum.Outcome.Conflict) break;
            }
        }
        if (refusals.Count == 0)
        {
            TempData["Status"] = t["Photos.Added", added].Value;
            return RedirectToPage(new { id, supplier = SupplierRoute });
        }
        foreach (var refusal in refusals) ModelState.AddModelError("files", refusal);
        Refusals = refusals;
        await LoadAsync(listing, ct);
        return Page();
    }

    public Task<IActionResult> OnPostMoveUpAsync([TenantId(TenantRecord.Listing)] int id, [TenantId(TenantRecord.ListingPhoto)] int photoId, CancellationToken ct) => MoveAsync(id, photoId, ListingPhotoAlbum.Move.Up, ct);
    public Task<IActionResult> OnPostMoveDownAsync([TenantId(TenantRecord.Listing)] int id, [TenantId(TenantRecord.ListingPhoto)] int photoId, CancellationToken ct) => MoveAsync(id, photoId, ListingPhotoAlbum.Move.Down, ct);
    public Task<IActionResult> OnPostMainAsync([TenantId(TenantRecord.Listing)] int id, [TenantId(TenantRecord.ListingPhoto)] int photoId, CancellationToken ct) => MoveAsync(id, photoId, ListingPhotoAlbum.Move.First, ct);

    public async Task<IActionResult> OnPostDeleteAsync([TenantId(TenantRecord.Listing)] int id, [TenantId(TenantRecord.ListingPhoto)] int photoId, CancellationToken ct)
    {
        if (await FindAsync(id, tracked: true, ct) is not { } listing) return NotFound();
        return Done(await album.RemoveAsync(listing, photoId, ct), "Photos.Deleted", id);
    }

    private async Task<IActionResult> MoveAsync(int id, int photoId, ListingPhotoAlbum.Move move, CancellationToken ct)
    {
        if (await FindAsync(id, tracked: true, ct) is not { } listing) return NotFound();
        return Done(await album.MoveAsync(listing, photoId, move, ct), move == ListingPhotoAlbum.Move.First ? "Photos.MadeMain" : "Photos.Moved", id);
    }

    private IActionResult Done(ListingPhotoAlbum.Outcome outcome, string messageKey, int id)
    {
        // Only this listing's photos are found; another listing's photo id is "not found", as if there were none.
        if (outcome == ListingPhotoAlbum.Outcome.NotFound) return NotFound();
        TempData["Status"] = (outcome == ListingPhotoAlbum.Outcome.Done ? t[messageKey] : t["Photos.Outcome.Conflict"]).Value;
        return RedirectToPage(new { id, supplier = SupplierRoute });
    }

    private Task<Listing?> FindAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = db.Listings.Where(l => l.Id == id && l.SupplierId == SupplierId && l.Status != ListingStatus.Deleted);
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    private async Task LoadAsync(Listing listing, CancellationToken ct)
    {
        Id = listing.Id;
        Title = listing.Title;
        Status = listing.Status;
        Photos = await db.ListingPhotos.AsNoTracking()
            .Where(p => p.ListingId == listing.Id)
            .OrderBy(p => p.Position)
            .Select(p => new PhotoRow(p.Id, p.Position, p.ContentHash, p.Width, p.Height, p.AltText))
            .ToListAsync(ct);
    }
}
