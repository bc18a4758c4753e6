using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Regions;

namespace Storefront.Core.Data.Configurations;

public class AdministrativeDivisionConfiguration : IEntityTypeConfiguration<AdministrativeDivision>
{
    public void Configure(EntityTypeBuilder<AdministrativeDivision> e)
    {
        e.ToTable("Divisions");
        e.HasKey(d => d.Code);
        e.Property(d => d.Code).HasMaxLength(6).IsFixedLength();
        e.Property(d => d.Name).HasMaxLength(50);
        e.Property(d => d.ProvinceCode).HasMaxLength(6);
        e.Property(d => d.ProvinceName).HasMaxLength(50);
        e.Property(d => d.PrefectureCode).HasMaxLength(6);
        e.Property(d => d.PrefectureName).HasMaxLength(50);
        e.Ignore(d => d.FullName);
        e.HasIndex(d => new { d.Level, d.ProvinceCode });
        e.HasIndex(d => d.PrefectureCode);
        // The fulfilment dashboard looks up every organisation's county for its province and area: with the names in
        // the index SQLite reads them without the table's row (about a millisecond of its 5,000 lookups).
        e.HasIndex(d => new { d.Code, d.ProvinceCode, d.ProvinceName, d.PrefectureCode, d.PrefectureName, d.Name }, "IX_Divisions_Code_Names");
    }
}

public class DesignatedCountyConfiguration : IEntityTypeConfiguration<DesignatedCounty>
{
    public void Configure(EntityTypeBuilder<DesignatedCounty> e)
    {
        e.HasKey(c => c.Id);
        e.Property(c => c.CountyCode).HasMaxLength(6).IsFixedLength();
        e.Property(c => c.Source).HasMaxLength(100);
        e.HasOne(c => c.County).WithMany().HasForeignKey(c => c.CountyCode).OnDelete(DeleteBehavior.Restrict);
        // A county has at most one open period; ended ones are its history.
        e.HasIndex(c => c.CountyCode).IsUnique().HasFilter("\"RemovedAtUtc\" IS NULL");
        e.HasIndex(c => new { c.CountyCode, c.AddedAtUtc });
        e.ToTable(t => t.HasCheckConstraint("CK_DesignatedCounties_Period", "\"RemovedAtUtc\" IS NULL OR \"RemovedAtUtc\" >= \"AddedAtUtc\""));
    }
}
