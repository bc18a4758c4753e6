using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;

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

public class OrganisationVersionConfiguration : IEntityTypeConfiguration<OrganisationVersion>
{
    public void Configure(EntityTypeBuilder<OrganisationVersion> e)
    {
        // Keyed by the organisation, with no foreign key: the triggers write it for any id they are given, and a row
        // of an organisation removed is harmless.
        e.HasKey(v => v.OrganisationId);
        e.Property(v => v.OrganisationId).ValueGeneratedNever();
    }
}
