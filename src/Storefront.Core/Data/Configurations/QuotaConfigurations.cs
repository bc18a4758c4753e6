using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Quotas;

namespace Storefront.Core.Data.Configurations;

public class QuotaRuleConfiguration : IEntityTypeConfiguration<QuotaRule>
{
    public void Configure(EntityTypeBuilder<QuotaRule> e)
    {
        e.Property(r => r.RegionCode).HasMaxLength(6).IsFixedLength();
        e.HasIndex(r => new { r.Year, r.RegionCode }).IsUnique();
        e.Property(r => r.Note).HasMaxLength(500);
        e.Property(r => r.UpdatedByUserId).HasMaxLength(450);
        e.ToTable(t => t.HasCheckConstraint("CK_QuotaRules_Ratio", "\"RatioBasisPoints\" BETWEEN 1 AND 10000"));
    }
}

public class QuotaYearConfiguration : IEntityTypeConfiguration<QuotaYear>
{
    public void Configure(EntityTypeBuilder<QuotaYear> e)
    {
        e.HasKey(y => y.Year);
        e.Property(y => y.Year).ValueGeneratedNever();
    }
}

public class CanteenFilingConfiguration : IEntityTypeConfiguration<CanteenFiling>
{
    public void Configure(EntityTypeBuilder<CanteenFiling> e)
    {
        e.HasIndex(f => new { f.OrganisationId, f.Year }).IsUnique();
        e.HasIndex(f => new { f.Year, f.Status });
        e.HasIndex(f => new { f.Year, f.SharedWithOrganisationId });
        e.Property(f => f.ReturnReason).HasMaxLength(CanteenFilings.ReturnReasonMaxLength);
        e.Property(f => f.SubmittedByUserId).HasMaxLength(450);
        e.Property(f => f.ReviewedByUserId).HasMaxLength(450);
        e.Property(f => f.Version).IsConcurrencyToken();
        e.HasOne(f => f.Organisation).WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(f => f.SharedWithOrganisation).WithMany().HasForeignKey(f => f.SharedWithOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            // Kinds 1 canteen (IS NOT NULL spelled out: a NULL comparison would pass a CHECK): a positive base, 2 no canteen, 3 shares another's canteen (a host that is not itself).
            t.HasCheckConstraint("CK_CanteenFilings_Kind",
                "(\"Kind\" = 1 AND \"BaseFen\" IS NOT NULL AND \"BaseFen\" > 0 AND \"SharedWithOrganisationId\" IS NULL) OR " +
                "(\"Kind\" = 2 AND \"BaseFen\" IS NULL AND \"SharedWithOrganisationId\" IS NULL) OR " +
                "(\"Kind\" = 3 AND \"BaseFen\" IS NULL AND \"SharedWithOrganisationId\" IS NOT NULL AND \"SharedWithOrganisationId\" <> \"OrganisationId\")");
            t.HasCheckConstraint("CK_CanteenFilings_Approved", "\"Status\" <> 2 OR \"ReservedFen\" IS NOT NULL");
            t.HasCheckConstraint("CK_CanteenFilings_Reserved", "\"ReservedFen\" IS NULL OR \"ReservedFen\" >= 0");
        });
    }
}

public class QuotaCorrectionConfiguration : IEntityTypeConfiguration<QuotaCorrection>
{
    public void Configure(EntityTypeBuilder<QuotaCorrection> e)
    {
        e.Property(c => c.Reason).HasMaxLength(1000);
        e.Property(c => c.SourceKey).HasMaxLength(QuotaEntry.SourceKeyMaxLength);
        e.HasIndex(c => c.SourceKey).IsUnique();
        e.Property(c => c.RecordedByUserId).HasMaxLength(450);
        e.HasIndex(c => c.OrganisationId);
        e.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_QuotaCorrections_NotZero", "\"AmountFen\" <> 0"));
    }
}

public class QuotaMonthlyTotalConfiguration : IEntityTypeConfiguration<QuotaMonthlyTotal>
{
    public void Configure(EntityTypeBuilder<QuotaMonthlyTotal> e)
    {
        e.ToTable("QuotaMonthlyTotals");
        e.HasKey(t => new { t.OrganisationId, t.Year, t.Month });
        // The dashboards read a whole year across organisations.
        e.HasIndex(t => new { t.Year, t.OrganisationId, t.AmountFen });
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class QuotaYearlyTotalConfiguration : IEntityTypeConfiguration<QuotaYearlyTotal>
{
    public void Configure(EntityTypeBuilder<QuotaYearlyTotal> e)
    {
        e.ToTable("QuotaYearlyTotals");
        e.HasKey(t => new { t.OrganisationId, t.Year });
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class QuotaImpactTotalConfiguration : IEntityTypeConfiguration<QuotaImpactTotal>
{
    public void Configure(EntityTypeBuilder<QuotaImpactTotal> e)
    {
        e.ToTable("QuotaImpactTotals");
        e.HasKey(t => new { t.Year, t.Month, t.CountyCode, t.SupplierId });
        e.Property(t => t.CountyCode).HasMaxLength(6).IsFixedLength();
    }
}

public class QuotaDigestSentConfiguration : IEntityTypeConfiguration<QuotaDigestSent>
{
    public void Configure(EntityTypeBuilder<QuotaDigestSent> e)
    {
        e.ToTable("QuotaDigestsSent");
        e.HasIndex(d => new { d.OrganisationId, d.WeekOf }).IsUnique();
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
