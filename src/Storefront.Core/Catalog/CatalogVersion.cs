using Microsoft.EntityFrameworkCore;
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

/// <summary>Reads the catalog's stamp, once per scope (a request): the key of the pages cached for anonymous visitors.</summary>
public sealed class CatalogStamp(StorefrontDbContext db)
{
    // Not a compiled query: those keep the first provider's SQL, and tests run SQLite and PostgreSQL in one process.
    private long? _stamp;

    public async Task<long> CurrentAsync(CancellationToken ct = default) =>
        _stamp ??= await db.CatalogVersions.AsNoTracking().Where(v => v.Id == CatalogVersion.SingletonId).Select(v => v.Stamp).FirstOrDefaultAsync(ct);
}
