using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.ReferenceData;

namespace Storefront.Core.Tests;

/// <summary>A real SQLite database in memory with the reference data loaded, for rules that need to query.</summary>
public sealed class InMemoryDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public StorefrontDbContext Db { get; }

    private InMemoryDatabase()
    {
        _connection.Open();
        Db = new StorefrontDbContext(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite(_connection).Options);
    }

    /// <summary>Another unit of work on the same database, as a second request would have.</summary>
    public StorefrontDbContext NewContext() =>
        new(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite(_connection).Options);

    public static async Task<InMemoryDatabase> CreateAsync()
    {
        var database = new InMemoryDatabase();
        await database.Db.Database.EnsureCreatedAsync();
        // EnsureCreated makes the tables, not the triggers the migrations add: the yearly totals need theirs.
        await database.Db.Database.ExecuteSqlRawAsync(global::Storefront.Core.Quotas.YearlyTotalsTriggers.CreateSqlite);
        await ReferenceDataLoader.EnsureAsync(database.Db);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
