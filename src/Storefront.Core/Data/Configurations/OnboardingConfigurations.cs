using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Settings;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Data.Configurations;

public class SupplierDocumentConfiguration : IEntityTypeConfiguration<SupplierDocument>
{
    public void Configure(EntityTypeBuilder<SupplierDocument> e)
    {
        e.Property(d => d.StoredName).HasMaxLength(64);
        e.HasIndex(d => d.StoredName).IsUnique();
        e.Property(d => d.ContentType).HasMaxLength(50);
        e.Property(d => d.FileName).HasMaxLength(SupplierDocument.FileNameMaxLength);
        e.Property(d => d.UploadedByUserId).HasMaxLength(450);
        e.HasIndex(d => d.SupplierId);
        e.ToTable(t => t.HasCheckConstraint("CK_SupplierDocuments_Length", "\"Length\" > 0"));
    }
}

public class PlatformSettingConfiguration : IEntityTypeConfiguration<PlatformSetting>
{
    public void Configure(EntityTypeBuilder<PlatformSetting> e)
    {
        e.HasKey(s => s.Key);
        e.Property(s => s.Key).HasMaxLength(PlatformSetting.KeyMaxLength);
        e.Property(s => s.Value).HasMaxLength(PlatformSetting.ValueMaxLength);
        e.Property(s => s.UpdatedByUserId).HasMaxLength(450);
    }
}
