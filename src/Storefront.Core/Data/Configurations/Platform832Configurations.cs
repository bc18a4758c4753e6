using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Platform832;

namespace Storefront.Core.Data.Configurations;

public class ListingSyncRecordConfiguration : IEntityTypeConfiguration<ListingSyncRecord>
{
    public void Configure(EntityTypeBuilder<ListingSyncRecord> e)
    {
        e.ToTable("Platform832ListingSyncs", t =>
        {
            t.HasCheckConstraint("CK_Platform832ListingSyncs_Attempts", "\"Attempts\" >= 0");
            t.HasCheckConstraint("CK_Platform832ListingSyncs_Acknowledged", "\"RevisionAcknowledged\" IS NULL OR \"RevisionAcknowledged\" >= 1");
            // A waiting listing says why; no other state carries a reason.
            t.HasCheckConstraint("CK_Platform832ListingSyncs_WaitReasons", "(\"State\" = 5) = (\"WaitReasons\" <> 0) AND \"WaitReasons\" BETWEEN 0 AND 3");
        });
        e.HasKey(r => r.ListingId);
        e.HasOne(r => r.Listing).WithOne().HasForeignKey<ListingSyncRecord>(r => r.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.Property(r => r.SupplierCode).HasMaxLength(64);
        e.Property(r => r.PlatformProductId).HasMaxLength(64);
        e.Property(r => r.RejectReason).HasMaxLength(ListingSyncRecord.ReasonMaxLength);
        e.Property(r => r.LastError).HasMaxLength(ListingSyncRecord.ErrorMaxLength);
        e.Property(r => r.FieldErrors).HasMaxLength(ListingSyncRecord.ErrorMaxLength);
        e.HasIndex(r => new { r.SupplierCode, r.PlatformProductId });
        e.HasIndex(r => r.State);
    }
}

public class Platform832JobStateConfiguration : IEntityTypeConfiguration<Platform832JobState>
{
    public void Configure(EntityTypeBuilder<Platform832JobState> e)
    {
        e.HasKey(s => s.Name);
        e.Property(s => s.Name).HasMaxLength(100);
        e.Property(s => s.Cursor).HasMaxLength(Platform832JobState.CursorMaxLength);
        e.Property(s => s.LastError).HasMaxLength(ListingSyncRecord.ErrorMaxLength);
    }
}

public class Platform832OrderConfiguration : IEntityTypeConfiguration<Platform832Order>
{
    public void Configure(EntityTypeBuilder<Platform832Order> e)
    {
        e.Property(o => o.OrderNo).HasMaxLength(Platform832Order.OrderNoMaxLength);
        e.HasIndex(o => o.OrderNo).IsUnique();
        e.Property(o => o.SupplierCode).HasMaxLength(64);
        e.Property(o => o.BuyerCreditCode).HasMaxLength(18);
        e.Property(o => o.BuyerName).HasMaxLength(200);
        e.Property(o => o.BuyerUnitType).HasMaxLength(20);
        e.Property(o => o.Status).HasMaxLength(20);
        e.Ignore(o => o.CountedFen);
        e.HasIndex(o => new { o.OrganisationId, o.BuyerCreditCode });
        e.HasOne(o => o.Organisation).WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Suppliers.Supplier>().WithMany().HasForeignKey(o => o.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Platform832Orders_Amounts", "\"TotalFen\" >= 0 AND \"RefundedFen\" >= 0 AND \"CountedPaidFen\" >= 0 AND \"CountedRefundedFen\" >= 0");
            // The ledger never holds more refunds than payments for one order.
            t.HasCheckConstraint("CK_Platform832Orders_Counted", "\"CountedRefundedFen\" <= \"CountedPaidFen\"");
        });
    }
}

public class Platform832OrderLineConfiguration : IEntityTypeConfiguration<Platform832OrderLine>
{
    public void Configure(EntityTypeBuilder<Platform832OrderLine> e)
    {
        e.Property(l => l.ExternalId).HasMaxLength(64);
        e.Property(l => l.PlatformProductId).HasMaxLength(64);
        e.HasIndex(l => l.OrderId);
    }
}

public class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> e)
    {
        e.ToTable("Platform832ReconciliationRuns");
        e.Property(r => r.RequestedBy).HasMaxLength(256);
        e.Property(r => r.Error).HasMaxLength(ListingSyncRecord.ErrorMaxLength);
        e.Ignore(r => r.DriftCount);
        e.HasIndex(r => new { r.Status, r.RequestedAtUtc });
        e.HasMany(r => r.Drifts).WithOne().HasForeignKey(d => d.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReconciliationDriftConfiguration : IEntityTypeConfiguration<ReconciliationDrift>
{
    public void Configure(EntityTypeBuilder<ReconciliationDrift> e)
    {
        e.ToTable("Platform832ReconciliationDrifts");
        e.Property(d => d.SupplierCode).HasMaxLength(64);
        e.Property(d => d.ExternalId).HasMaxLength(64);
        e.Property(d => d.Detail).HasMaxLength(ReconciliationDrift.DetailMaxLength);
        e.HasIndex(d => d.RunId);
    }
}

public class Platform832CategoryConfiguration : IEntityTypeConfiguration<Platform832Category>
{
    public void Configure(EntityTypeBuilder<Platform832Category> e)
    {
        e.HasKey(c => c.Code);
        e.Property(c => c.Code).HasMaxLength(Platform832Category.CodeMaxLength);
        e.Property(c => c.Name).HasMaxLength(Platform832Category.NameMaxLength);
        e.Property(c => c.ParentCode).HasMaxLength(Platform832Category.CodeMaxLength);
    }
}

public class Platform832CountyConfiguration : IEntityTypeConfiguration<Platform832County>
{
    public void Configure(EntityTypeBuilder<Platform832County> e)
    {
        e.HasKey(c => c.Code);
        e.Property(c => c.Code).HasMaxLength(6);
        e.Property(c => c.Name).HasMaxLength(Platform832Category.NameMaxLength);
        e.Property(c => c.Province).HasMaxLength(Platform832Category.NameMaxLength);
    }
}

public class Platform832CategoryMappingConfiguration : IEntityTypeConfiguration<Platform832CategoryMapping>
{
    public void Configure(EntityTypeBuilder<Platform832CategoryMapping> e)
    {
        e.HasKey(m => m.CategoryId);
        e.HasOne(m => m.Category).WithOne().HasForeignKey<Platform832CategoryMapping>(m => m.CategoryId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the platform's categories: that list is replaced whenever it is read, and a mapping to a
        // code it no longer holds is kept (and shown as such) rather than lost.
        e.Property(m => m.PlatformCategoryCode).HasMaxLength(Platform832Category.CodeMaxLength);
        e.Property(m => m.MappedBy).HasMaxLength(256);
        e.HasIndex(m => m.PlatformCategoryCode);
    }
}
