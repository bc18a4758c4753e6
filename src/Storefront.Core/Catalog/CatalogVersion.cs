using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;

namespace Storefront.Core.Catalog;

/// <summary>
/// One row whose stamp changes, in the same transaction, with every change to what the catalog shows: listings, their
/// tiers and photos, suppliers, categories, divisions and the designated counties (<see cref="CatalogChanges"/>).
/// Caches of catalog pages are keyed by it, so an instance never serves a page older than the data it read the stamp
/// from, whichever instance made the change. The stamp is random rather than counted: concurrent saves need no
/// read-modify-write, and a value is never seen twice.
/// </summary>
public class CatalogVersion
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public long Stamp { get; set; }
}

/// <summary>
/// Reads the catalog's stamp for each request to a cached page: the key of the pages cached for anonymous visitors.
/// One small query on a pooled connection of the shop's own database, without a DbContext: on a cache hit this read is
/// most of the work, so it is kept as plain as it can be.
/// </summary>
public sealed class CatalogStamp(IServiceScopeFactory scopes)
{
    public const string Sql = "SELECT \"Stamp\" FROM \"CatalogVersions\" WHERE \"Id\" = 1";

    /// <summary>The stamp and one listing's stock beside it (null when there is no such listing).</summary>
    private const string WithStockSql = "SELECT \"Stamp\", (SELECT \"Stock\" FROM \"Listings\" WHERE \"Id\" = @listing) FROM \"CatalogVersions\" WHERE \"Id\" = 1";

    private (DbProviderFactory Factory, string ConnectionString)? _database;

    public async Task<long> ReadAsync(CancellationToken ct = default) => (await ReadAsync(null, ct)).Stamp;

    /// <summary>
    /// The stamp, and for a listing's page the listing's stock too, in the same query: checkout takes stock without
    /// a new stamp (it would empty every cache at every order), so that page is keyed by both.
    /// </summary>
    public async Task<(long Stamp, int? Stock)> ReadAsync(int? listingId, CancellationToken ct = default)
    {
        var (factory, connectionString) = _database ??= Database();
        await using var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = listingId is null ? Sql : WithStockSql;
        if (listingId is { } id)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@listing";
            parameter.Value = id;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (0, null);
        var stamp = reader.IsDBNull(0) ? 0 : Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        int? stock = listingId is null || reader.IsDBNull(1) ? null : Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        return (stamp, stock);
    }

    private (DbProviderFactory, string) Database()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var factory = DbProviderFactories.GetFactory(db.Database.GetDbConnection()) ?? throw new InvalidOperationException("The database provider has no factory.");
        return (factory, db.Database.GetConnectionString()!);
    }
}
