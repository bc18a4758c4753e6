using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Catalog;

namespace Storefront.Core.Data.Configurations;

public class ListingSearchGramConfiguration : IEntityTypeConfiguration<ListingSearchGram>
{
    public void Configure(EntityTypeBuilder<ListingSearchGram> e)
    {
        // Gram first: a search looks grams up and reads the listings beside them, all from the key's index.
        e.HasKey(g => new { g.Gram, g.ListingId });
        e.HasOne(g => g.Listing).WithMany().HasForeignKey(g => g.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> e)
    {
        e.Property(v => v.Id).ValueGeneratedNever();
        e.HasData(new CatalogVersion { Id = CatalogVersion.SingletonId, Stamp = 1 });
        e.ToTable(t => t.HasCheckConstraint("CK_CatalogVersions_Singleton", $"\"Id\" = {CatalogVersion.SingletonId}"));
    }
}
