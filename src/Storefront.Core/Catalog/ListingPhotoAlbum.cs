using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Photos;

namespace Storefront.Core.Catalog;

/// <summary>
/// A listing's photos: up to <see cref="MaxPhotos"/>, in order, the first one the main photo. The 832 platform receives
/// the photos, so every change raises the listing's revision; each operation saves its own transaction.
/// </summary>
public sealed class ListingPhotoAlbum(StorefrontDbContext db, TimeProvider clock)
{
    public const int MaxPhotos = 10;

    // Positions are unique per listing and checked row by row, so a new order is written in two steps: every photo out
    // of the way first (above this offset), then each to its place.
    private const int ParkingOffset = 1000;

    public enum Outcome { Done, TooMany, NotFound, Conflict }

    public enum Move { Up, Down, First }

    /// <summary>Appends a processed photo to a tracked listing.</summary>
    public async Task<Outcome> AddAsync(Listing listing, PhotoResult photo, string altText, CancellationToken ct = default)
    {
        if (!photo.Accepted) throw new ArgumentException("Only an accepted photo can be added.", nameof(photo));
        var count = await db.ListingPhotos.CountAsync(p => p.ListingId == listing.Id, ct);
        if (count >= MaxPhotos) return Outcome.TooMany;
        var now = clock.GetUtcNow().UtcDateTime;
        db.ListingPhotos.Add(new ListingPhoto
        {
            ListingId = listing.Id,
            Position = count,
            ContentHash = photo.ContentHash!,
            Width = photo.Width,
            Height = photo.Height,
            AltText = Truncate(altText, 200),
            CreatedAtUtc = now,
        });
        listing.Revise(now);
        return await SaveAsync(ct);
    }

    /// <summary>Moves a photo one place up or down, or to the front as the main photo.</summary>
    public async Task<Outcome> MoveAsync(Listing listing, int photoId, Move move, CancellationToken ct = default)
    {
        var order = await OrderAsync(listing.Id, ct);
        var index = order.IndexOf(photoId);
        if (index < 0) return Outcome.NotFound;
        var target = move switch { Move.Up => index - 1, Move.Down => index + 1, _ => 0 };
        if (target < 0 || target >= order.Count || target == index) return Outcome.Done;
        order.RemoveAt(index);
        order.Insert(target, photoId);
        return await WriteOrderAsync(listing, order, removedPhotoId: null, ct);
    }

    public async Task<Outcome> RemoveAsync(Listing listing, int photoId, CancellationToken ct = default)
    {
        var order = await OrderAsync(listing.Id, ct);
        if (!order.Remove(photoId)) return Outcome.NotFound;
        return await WriteOrderAsync(listing, order, photoId, ct);
    }

    private async Task<List<int>> OrderAsync(int listingId, CancellationToken ct) =>
        await db.ListingPhotos.Where(p => p.ListingId == listingId).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync(ct);

    private async Task<Outcome> WriteOrderAsync(Listing listing, IReadOnlyList<int> order, int? removedPhotoId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (removedPhotoId is { } removed)
            await db.ListingPhotos.Where(p => p.Id == removed && p.ListingId == listing.Id).ExecuteDeleteAsync(ct);
        await db.ListingPhotos.Where(p => p.ListingId == listing.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, p => p.Position + ParkingOffset), ct);
        for (var i = 0; i < order.Count; i++)
        {
            var id = order[i];
            var position = i;
            await db.ListingPhotos.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Position, position), ct);
        }
        listing.Revise(clock.GetUtcNow().UtcDateTime);
        var outcome = await SaveAsync(ct);
        if (outcome == Outcome.Done) await transaction.CommitAsync(ct);
        return outcome;
    }

    // The listing's revision is its concurrency token: of two changes made at once, the second is refused, not merged.
    private async Task<Outcome> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }
        catch (DbUpdateException)
        {
            return Outcome.Conflict;
        }
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;
}
