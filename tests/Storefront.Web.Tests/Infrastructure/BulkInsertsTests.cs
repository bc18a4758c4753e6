using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Notifications;

namespace Storefront.Web.Tests.Infrastructure;

public class BulkInsertsOnSqlite(StorefrontFactory factory) : BulkInsertsTests<StorefrontFactory>(factory);
public class BulkInsertsOnPostgreSql(PostgreSqlStorefrontFactory factory) : BulkInsertsTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Rows inserted around the change tracker (checkout's order lines and sync jobs) must be stored exactly as EF stores
/// them: read back equal, found by the same queries (on SQLite a time is text, so its format must match EF's to the
/// character), and sent in several batches when there are many.
/// </summary>
public abstract class BulkInsertsTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task RowsAreStoredAsEfStoresThemAndFoundByTheSameQueries()
    {
        Client();
        var listingId = await Factory.WithDbAsync(db => db.Listings.Select(l => l.Id).FirstAsync());
        var at = new DateTime(2026, 11, 29, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560); // PostgreSQL keeps microseconds
        var done = at.AddMinutes(5);

        await Factory.WithDbAsync(async db =>
        {
            // One row through the change tracker, the same time written by both ways.
            db.ListingSyncJobs.Add(new ListingSyncJob { ListingId = listingId, CreatedAtUtc = at, DoneAtUtc = done });
            await db.SaveChangesAsync();
            await db.InsertAsync([
                new ListingSyncJob { ListingId = listingId, CreatedAtUtc = at, DoneAtUtc = done },
                new ListingSyncJob { ListingId = listingId, CreatedAtUtc = at },
            ]);
        });

        var jobs = await Factory.WithDbAsync(db => db.ListingSyncJobs.AsNoTracking().Where(j => j.CreatedAtUtc == at).OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(3, jobs.Count);
        Assert.All(jobs, j => Assert.Equal((listingId, at, DateTimeKind.Utc), (j.ListingId, j.CreatedAtUtc, j.CreatedAtUtc.Kind)));
        Assert.Equal([done, done, null], jobs.Select(j => j.DoneAtUtc));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.CreatedAtUtc == at && j.DoneAtUtc == done)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.CreatedAtUtc == at && j.DoneAtUtc == null)));
    }

    [SkippableFact]
    public async Task TwelveThousandRowsGoInSeveralBatchesAndCommitOrRollBackWithTheTransaction()
    {
        Client();
        var userId = await Factory.WithDbAsync(db => db.Users.Select(u => u.Id).FirstAsync());
        var at = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);
        const int Count = 12_000; // twelve batches on PostgreSQL
        Notification Row(int i) => new() { UserId = userId, Kind = NotificationKind.OrderToAccept, Subject = $"批量 {i}", Link = $"/supplier/orders/{i}", CreatedAtUtc = at };

        await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(Enumerable.Range(1, Count).Select(Row).ToList());
            await transaction.RollbackAsync();
        });
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Subject.StartsWith("批量 "))));

        await Factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertAsync(Enumerable.Range(1, Count).Select(Row).ToList());
            await transaction.CommitAsync();
        });
        var stored = await Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Subject.StartsWith("批量 ")).ToListAsync());
        Assert.Equal(Count, stored.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => $"/supplier/orders/{i}").Order(), stored.Select(n => n.Link).Order());
        Assert.All(stored, n => Assert.Equal((userId, NotificationKind.OrderToAccept, at, (DateTime?)null), (n.UserId, n.Kind, n.CreatedAtUtc, n.ReadAtUtc)));
        Assert.Equal(Count, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.OrderToAccept && n.CreatedAtUtc == at)));
        await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Subject.StartsWith("批量 ")).ExecuteDeleteAsync());
    }
}
