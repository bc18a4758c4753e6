using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Core.Data;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Catalog;

/// <summary>
/// Runs in every save, whoever builds the context: keeps each changed listing's search grams in step with its search
/// text, and gives the catalog a new stamp when anything the catalog shows was added, changed or removed. Both ride in
/// the save's own statements, so they commit or roll back with it. Changes made around the change tracker must do the
/// same themselves; the stock that checkout takes is the one such change, and pages that show stock key their cache by
/// it instead (see the web's catalog output cache).
/// </summary>
public sealed class CatalogChanges : SaveChangesInterceptor
{
    public static readonly CatalogChanges Instance = new();

    private static readonly HashSet<Type> Shown =
    [
        typeof(Listing), typeof(ListingPriceTier), typeof(ListingPhoto), typeof(Supplier), typeof(Category),
        typeof(AdministrativeDivision), typeof(DesignatedCounty),
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
        // The save has just detected changes; looking entries up must not detect them again for every gram.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var changed = false;
            foreach (var entry in db.ChangeTracker.Entries().ToList())
            {
                if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
                if (!Shown.Contains(entry.Metadata.ClrType)) continue;
                changed = true;
                if (entry.Entity is Listing listing) IndexForSearch(db, entry, listing);
            }
            if (changed) NewStamp(db);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private static void IndexForSearch(StorefrontDbContext db, EntityEntry entry, Listing listing)
    {
        var text = entry.Property(nameof(Listing.SearchText));
        if (entry.State == EntityState.Added)
        {
            // Through the navigation, so that a new listing's grams get its id when both are inserted.
            foreach (var gram in SearchGrams.Of(listing.SearchText))
                db.ListingSearchGrams.Add(new ListingSearchGram { Gram = gram, Listing = listing });
            return;
        }
        if (entry.State != EntityState.Modified || !text.IsModified) return;
        var before = SearchGrams.Of((string?)text.OriginalValue);
        var after = SearchGrams.Of(listing.SearchText);
        var local = db.ListingSearchGrams.Local;
        foreach (var gram in before.Except(after))
        {
            if (local.FindEntryUntyped([gram, listing.Id]) is { } tracked) tracked.State = EntityState.Deleted;
            else db.ListingSearchGrams.Remove(new ListingSearchGram { Gram = gram, ListingId = listing.Id });
        }
        foreach (var gram in after.Except(before))
            db.ListingSearchGrams.Add(new ListingSearchGram { Gram = gram, ListingId = listing.Id });
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
