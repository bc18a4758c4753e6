using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Photos;

namespace Storefront.Core.Tests.Catalog;

public class ListingPhotoAlbumTests
{
    private static PhotoResult Photo(int n) => new($"{n:D32}", 800, 600, null);
    private static string Hash(int n) => Photo(n).ContentHash!;

    private static async Task<(InMemoryDatabase Database, ListingPhotoAlbum Album, Listing Listing)> WithPhotosAsync(int count)
    {
        var database = await InMemoryDatabase.CreateAsync();
        var listing = await database.Db.AddListingAsync(await database.Db.AddSupplierAsync());
        var album = new ListingPhotoAlbum(database.Db, TimeProvider.System);
        for (var i = 0; i < count; i++) Assert.Equal(ListingPhotoAlbum.Outcome.Done, await album.AddAsync(listing, Photo(i), "照片"));
        return (database, album, listing);
    }

    private static async Task<List<string>> OrderAsync(InMemoryDatabase database, Listing listing) =>
        await database.Db.ListingPhotos.AsNoTracking().Where(p => p.ListingId == listing.Id).OrderBy(p => p.Position).Select(p => p.ContentHash).ToListAsync();

    private static async Task<int> IdAtAsync(InMemoryDatabase database, Listing listing, int position) =>
        await database.Db.ListingPhotos.Where(p => p.ListingId == listing.Id && p.Position == position).Select(p => p.Id).SingleAsync();

    [Fact]
    public async Task TakesAtMostTenPhotosEachRaisingTheRevision()
    {
        var (database, album, listing) = await WithPhotosAsync(10);
        await using var _ = database;
        Assert.Equal(11, listing.Revision);
        Assert.Equal(ListingPhotoAlbum.Outcome.TooMany, await album.AddAsync(listing, Photo(10), "照片"));
        Assert.Equal(10, await database.Db.ListingPhotos.CountAsync(p => p.ListingId == listing.Id));
    }

    [Fact]
    public async Task MovesAPhotoAndMakesAnotherTheMainOneDespiteTheUniquePositions()
    {
        var (database, album, listing) = await WithPhotosAsync(3);
        await using var _ = database;
        var third = await IdAtAsync(database, listing, 2);
        Assert.Equal(ListingPhotoAlbum.Outcome.Done, await album.MoveAsync(listing, third, ListingPhotoAlbum.Move.Up));
        Assert.Equal([Hash(0), Hash(2), Hash(1)], await OrderAsync(database, listing));

        Assert.Equal(ListingPhotoAlbum.Outcome.Done, await album.MoveAsync(listing, third, ListingPhotoAlbum.Move.First));
        Assert.Equal([Hash(2), Hash(0), Hash(1)], await OrderAsync(database, listing));
        Assert.Equal(6, listing.Revision);

        // Moving the first one up changes nothing.
        Assert.Equal(ListingPhotoAlbum.Outcome.Done, await album.MoveAsync(listing, third, ListingPhotoAlbum.Move.Up));
        Assert.Equal(6, listing.Revision);
    }

    [Fact]
    public async Task RemovingAPhotoClosesTheGap()
    {
        var (database, album, listing) = await WithPhotosAsync(3);
        await using var _ = database;
        Assert.Equal(ListingPhotoAlbum.Outcome.Done, await album.RemoveAsync(listing, await IdAtAsync(database, listing, 0)));
        Assert.Equal([Hash(1), Hash(2)], await OrderAsync(database, listing));
        var positions = await database.Db.ListingPhotos.Where(p => p.ListingId == listing.Id).OrderBy(p => p.Position).Select(p => p.Position).ToListAsync();
        Assert.Equal([0, 1], positions);
    }

    [Fact]
    public async Task APhotoOfAnotherListingIsNotFound()
    {
        var (database, album, listing) = await WithPhotosAsync(1);
        await using var _ = database;
        var other = await database.Db.AddListingAsync(await database.Db.AddSupplierAsync());
        var photo = await IdAtAsync(database, listing, 0);
        Assert.Equal(ListingPhotoAlbum.Outcome.NotFound, await album.RemoveAsync(other, photo));
        Assert.Equal(ListingPhotoAlbum.Outcome.NotFound, await album.MoveAsync(other, photo, ListingPhotoAlbum.Move.First));
        Assert.Equal(1, await database.Db.ListingPhotos.CountAsync(p => p.ListingId == listing.Id));
    }
}
