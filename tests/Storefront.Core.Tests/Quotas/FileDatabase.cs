using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.ReferenceData;

namespace Storefront.Core.Tests.Quotas;

/// <summary>A SQLite database in a temporary file, so that several contexts (and threads) can write to it at once.</summary>
public sealed class FileDatabase : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"storefront-quota-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_path};Default Timeout=60";

    public StorefrontDbContext NewContext() =>
        new(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite(ConnectionString).Options);

    public static async Task<FileDatabase> CreateAsync()
    {
        var database = new FileDatabase();
        await using var db = database.NewContext();
        await db.Database.EnsureCreatedAsync();
        // EnsureCreated makes the tables, not the triggers the migrations add: the yearly totals need theirs.
        await db.Database.ExecuteSqlRawAsync(global::Storefront.Core.Quotas.YearlyTotalsTriggers.CreateSqlite);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await ReferenceDataLoader.EnsureAsync(db);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try { File.Delete(file); } catch (IOException) { }
        }
        return ValueTask.CompletedTask;
    }
}
