using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Platform832.Audits;
using Storefront.Platform832.Orders;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Tests.Sync;

public static class SyncHarnessExtensions
{
    public static Task<ListingSync.RunResult> SyncAsync(this AdapterHarness h) => h.InScopeAsync<ListingSync, ListingSync.RunResult>(s => s.RunOnceAsync());

    /// <summary>Runs the sync until the outbox is empty (or the rounds run out, which the caller's checks then show).</summary>
    public static async Task<int> SyncUntilIdleAsync(this AdapterHarness h, int maxRounds = 200)
    {
        for (var round = 1; round <= maxRounds; round++)
        {
            var result = await h.SyncAsync();
            if (result.Listings == 0 && await h.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.DoneAtUtc == null)) == 0) return round;
        }
        return maxRounds;
    }

    public static Task<FeedFollower.Outcome> FollowAuditsAsync(this AdapterHarness h) => h.InScopeAsync<AuditFollower, FeedFollower.Outcome>(a => a.RunOnceAsync());

    public static Task<FeedFollower.Outcome> ImportOrdersAsync(this AdapterHarness h) => h.InScopeAsync<OrderImport, FeedFollower.Outcome>(o => o.RunOnceAsync());

    /// <summary>A change through the domain: the revision rises and the save writes a sync job.</summary>
    public static Task ChangeAsync(this AdapterHarness h, int listingId, Action<Listing> change) => h.WithDbAsync(async db =>
    {
        var listing = await db.Listings.SingleAsync(l => l.Id == listingId);
        change(listing);
        listing.Revise(DateTime.UtcNow);
        await db.SaveChangesAsync();
    });

    public static Task<int> PendingJobsAsync(this StorefrontDbContext db) => db.ListingSyncJobs.CountAsync(j => j.DoneAtUtc == null);
}
