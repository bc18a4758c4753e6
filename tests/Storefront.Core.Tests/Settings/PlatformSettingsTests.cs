using Microsoft.EntityFrameworkCore;
using Storefront.Core.Settings;

namespace Storefront.Core.Tests.Settings;

public class PlatformSettingsTests
{
    [Fact]
    public async Task ListingReviewIsOffUntilAnAdminTurnsItOn()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var settings = new PlatformSettings(database.Db, TimeProvider.System);
        Assert.False(await settings.RequireListingReviewAsync());
        Assert.False(await settings.SetRequireListingReviewAsync(false, "admin"));

        Assert.True(await settings.SetRequireListingReviewAsync(true, "admin"));
        await database.Db.SaveChangesAsync();
        Assert.True(await settings.RequireListingReviewAsync());
        Assert.Equal("admin", (await database.Db.PlatformSettings.SingleAsync()).UpdatedByUserId);

        Assert.True(await settings.SetRequireListingReviewAsync(false, "admin2"));
        await database.Db.SaveChangesAsync();
        Assert.False(await settings.RequireListingReviewAsync());
    }
}
