using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Catalog;

namespace Storefront.Core.Data.Configurations;

public class CatalogVersionConfiguration : IEntityTypeConfiguration<CatalogVersion>
{
    public void Configure(EntityTypeBuilder<CatalogVersion> e)
    {
        e.Property(v => v.Id).ValueGeneratedNever();
        e.HasData(new CatalogVersion { Id = CatalogVersion.SingletonId, Stamp = 1 });
        e.ToTable(t => t.HasCheckConstraint("CK_CatalogVersions_Singleton", $"\"Id\" = {CatalogVersion.SingletonId}"));
    }
}
