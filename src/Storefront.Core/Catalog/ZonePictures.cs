using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Photos;

namespace Storefront.Core.Catalog;

/// <summary>
/// The pictures of the home page's zones, as admins choose them: a photo of a listing in the zone, or one uploaded (and
/// processed like every listing photo). A zone without a choice shows its newest listing's main photo. Choices are
/// catalog changes (<see cref="CatalogChanges"/>), so cached home pages give way to the new picture at once.
/// </summary>
public sealed class ZonePictures(StorefrontDbContext db, CatalogSearch catalog, TimeProvider clock)
{
    /// <summary>How many photos of a zone's listings are offered to choose from.</summary>
    public const int MaxCandidates = 24;

    public enum Outcome { Done, UnknownZone, NotInZone }

    /// <summary>A zone of the home page, with what it shows now and whether an admin chose it.</summary>
    public sealed record Zone(ZoneKind Kind, string Key, string Name, int Listings, ZonePhoto? Photo, bool Chosen);

    /// <summary>A photo of one of the zone's listings that may be chosen.</summary>
    public sealed record Candidate(int PhotoId, int ListingId, string ListingTitle, string Hash, int Width, int Height);

    /// <summary>The zones the home page shows, in its order: categories, then regions.</summary>
    public async Task<IReadOnlyList<Zone>> ZonesAsync(bool english, CancellationToken ct = default)
    {
        var (categories, origins) = await catalog.ZonesAsync(ct);
        var chosen = await db.ZonePictures.AsNoTracking().Select(z => new { z.Kind, z.ZoneKey }).ToListAsync(ct);
        bool IsChosen(ZoneKind kind, string key) => chosen.Any(c => c.Kind == kind && c.ZoneKey == key);
        return
        [
            .. categories.Select(c => new Zone(ZoneKind.Category, c.Slug, english ? c.NameEn : c.Name, c.Count, c.Photo, IsChosen(ZoneKind.Category, c.Slug))),
            .. origins.SelectMany(o => o.Prefectures).Select(p => new Zone(ZoneKind.Region, p.Code, p.Name, p.Count, p.Photo, IsChosen(ZoneKind.Region, p.Code))),
        ];
    }

    public async Task<Zone?> FindAsync(ZoneKind kind, string key, bool english, CancellationToken ct = default) =>
        (await ZonesAsync(english, ct)).FirstOrDefault(z => z.Kind == kind && z.Key == key);

    /// <summary>Photos of the zone's listings in the catalog, newest listing first, each listing's photos in order.</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(ZoneKind kind, string key, CancellationToken ct = default)
    {
        var listings = await ListingsOfAsync(kind, key, ct);
        var first = listings.Take(200).ToList();
        var photos = await db.ListingPhotos.AsNoTracking()
            .Where(p => first.Contains(p.ListingId))
            .Select(p => new { p.Id, p.ListingId, p.Position, Title = db.Listings.Where(l => l.Id == p.ListingId).Select(l => l.Title).First(), p.ContentHash, p.Width, p.Height })
            .ToListAsync(ct);
        var order = first.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return photos.OrderBy(p => order[p.ListingId]).ThenBy(p => p.Position)
            .Take(MaxCandidates)
            .Select(p => new Candidate(p.Id, p.ListingId, p.Title, p.ContentHash, p.Width, p.Height))
            .ToList();
    }

    /// <summary>Chooses a photo of one of the zone's listings in the catalog; any other photo is refused.</summary>
    public async Task<Outcome> ChooseListingPhotoAsync(ZoneKind kind, string key, int photoId, string? userId, CancellationToken ct = default)
    {
        if (await FindAsync(kind, key, english: false, ct) is null) return Outcome.UnknownZone;
        var listings = await ListingsOfAsync(kind, key, ct);
        var photo = await db.ListingPhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Select(p => new { p.ListingId, p.ContentHash, p.Width, p.Height }).FirstOrDefaultAsync(ct);
        if (photo is null || !listings.Contains(photo.ListingId)) return Outcome.NotInZone;
        await SetAsync(kind, key, photo.ContentHash, photo.Width, photo.Height, photo.ListingId, userId, ct);
        return Outcome.Done;
    }

    /// <summary>Uses a photo uploaded for the zone, already accepted by the photo pipeline.</summary>
    public async Task<Outcome> UseUploadedAsync(ZoneKind kind, string key, PhotoResult photo, string? userId, CancellationToken ct = default)
    {
        if (!photo.Accepted) throw new ArgumentException("Only an accepted photo can be used.", nameof(photo));
        if (await FindAsync(kind, key, english: false, ct) is null) return Outcome.UnknownZone;
        await SetAsync(kind, key, photo.ContentHash!, photo.Width, photo.Height, fromListingId: null, userId, ct);
        return Outcome.Done;
    }

    /// <summary>Gives the zone back its default, its newest listing's photo; false when it had no choice.</summary>
    public async Task<bool> ResetAsync(ZoneKind kind, string key, CancellationToken ct = default)
    {
        var picture = await db.ZonePictures.FirstOrDefaultAsync(z => z.Kind == kind && z.ZoneKey == key, ct);
        if (picture is null) return false;
        db.ZonePictures.Remove(picture);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task SetAsync(ZoneKind kind, string key, string hash, int width, int height, int? fromListingId, string? userId, CancellationToken ct)
    {
        var picture = await db.ZonePictures.FirstOrDefaultAsync(z => z.Kind == kind && z.ZoneKey == key, ct);
        if (picture is null)
        {
            picture = new ZonePicture { Kind = kind, ZoneKey = key, ContentHash = hash };
            db.ZonePictures.Add(picture);
        }
        picture.ContentHash = hash;
        picture.Width = width;
        picture.Height = height;
        picture.FromListingId = fromListingId;
        picture.ChosenAtUtc = clock.GetUtcNow().UtcDateTime;
        picture.ChosenByUserId = userId;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The zone's listings in the catalog, newest first, as the home page counts them.</summary>
    private async Task<IReadOnlyList<int>> ListingsOfAsync(ZoneKind kind, string key, CancellationToken ct)
    {
        var index = await catalog.IndexAsync(ct);
        return index.Entries
            .Where(e => kind == ZoneKind.Category
                ? index.Categories[e.CategoryId].Slug == key
                : (index.Counties[e.County].PrefectureCode ?? index.Counties[e.County].ProvinceCode) == key)
            .Select(e => e.Id)
            .ToList();
    }
}
