using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Core.Data;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Catalog;

/// <summary>
/// Runs in every save, whoever builds the context: gives the catalog a new stamp when anything the catalog shows was
/// added, changed or removed. The stamp rides in the save's own statements, so it commits or rolls back with it. Changes made around the change tracker must do the
/// same themselves; the stock that checkout takes is the one such change, and pages that show stock key their cache by
/// it instead (see the web's catalog output cache).
/// </summary>
public sealed class CatalogChanges : SaveChangesInterceptor
{
    public static readonly CatalogChanges Instance = new();

    private static readonly HashSet<Type> Shown =
    [
        typeof(Listing), typeof(ListingPriceTier), typeof(ListingPhoto), typeof(Supplier), typeof(Category),
        typeof(AdministrativeDivision), typeof(DesignatedCounty), typeof(ZonePicture),
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is StorefrontDbContext db) Apply(db);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is StorefrontDbContext db) Apply(db);
        return ValueTask.FromResult(result);
    }

    private static void Apply(StorefrontDbContext db)
    {
        // The save has just detected changes: the entries are read as they are, without detecting them again.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (db.ChangeTracker.Entries().Any(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && Shown.Contains(e.Metadata.ClrType)))
                NewStamp(db);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private static void NewStamp(StorefrontDbContext db)
    {
        var version = db.CatalogVersions.Local.FindEntry(CatalogVersion.SingletonId)?.Entity;
        if (version is null)
        {
            version = new CatalogVersion();
            db.CatalogVersions.Attach(version);
        }
        version.Stamp = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        db.Entry(version).Property(v => v.Stamp).IsModified = true;
    }
}
