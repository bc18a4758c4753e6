using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Web.Performance;

/// <summary>
/// Instances started together against one PostgreSQL database prepare it one at a time: migrations, reference data and
/// the demo each check what is there before writing, and two instances checking at once would both write. A session
/// advisory lock on the context's connection is held for the preparation and freed with it (or when the connection
/// dies with a crashed instance). SQLite is one file on one machine, for one instance: nothing to take there.
/// </summary>
public sealed class PreparationLock : IAsyncDisposable
{
    // Any constant: it only has to differ from other advisory locks taken on the same database.
    private const long Key = 0x53_54_4F_52_45_46_52_4E; // "STOREFRN"

    private readonly StorefrontDbContext? _db;

    private PreparationLock(StorefrontDbContext? db) => _db = db;

    public static async Task<PreparationLock> TakeAsync(StorefrontDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return new PreparationLock(null);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({Key})", ct);
        return new PreparationLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is null) return;
        await _db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({Key})");
        await _db.Database.CloseConnectionAsync();
    }
}
