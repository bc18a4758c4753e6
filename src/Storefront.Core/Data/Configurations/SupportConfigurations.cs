using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Jobs;
using Storefront.Core.Mail;
using Storefront.Core.People;
using Storefront.Core.Quotas;

namespace Storefront.Core.Data.Configurations;

public class QuotaEntryConfiguration : IEntityTypeConfiguration<QuotaEntry>
{
    public void Configure(EntityTypeBuilder<QuotaEntry> e)
    {
        e.Property(q => q.SourceKey).HasMaxLength(QuotaEntry.SourceKeyMaxLength);
        e.HasIndex(q => q.SourceKey).IsUnique();
        e.HasIndex(q => new { q.OrganisationId, q.Year, q.Month });
        e.HasIndex(q => new { q.Year, q.CountyCode });
        e.HasIndex(q => new { q.Year, q.SupplierId });
        e.Property(q => q.CountyCode).HasMaxLength(6).IsFixedLength();
        e.Property(q => q.Reference).HasMaxLength(100);
        e.Property(q => q.Note).HasMaxLength(1000);
        e.Property(q => q.RecordedByUserId).HasMaxLength(450);
        e.HasOne(q => q.Organisation).WithMany().HasForeignKey(q => q.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_QuotaEntries_NotZero", "\"AmountFen\" <> 0");
            // Payments only add and refunds only subtract (kinds 1 and 2).
            t.HasCheckConstraint("CK_QuotaEntries_Sign", "(\"Kind\" <> 1 OR \"AmountFen\" > 0) AND (\"Kind\" <> 2 OR \"AmountFen\" < 0)");
            t.HasCheckConstraint("CK_QuotaEntries_Month", "\"Month\" BETWEEN 1 AND 12");
        });
    }
}

public class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(100);
        e.Property(l => l.Holder).HasMaxLength(200);
    }
}

public class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> e)
    {
        e.ToTable("OutgoingMails");
        e.Property(m => m.To).HasMaxLength(256);
        e.Property(m => m.Subject).HasMaxLength(300);
        e.Property(m => m.LastError).HasMaxLength(2000);
        e.HasIndex(m => new { m.SentAtUtc, m.NextAttemptAtUtc });
    }
}

public class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.Property(i => i.TokenHash).HasMaxLength(64);
        e.HasIndex(i => i.TokenHash).IsUnique();
        e.Property(i => i.Email).HasMaxLength(256);
        e.Property(i => i.InvitedByUserId).HasMaxLength(450);
        e.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        e.HasIndex(i => i.SupplierId);
        e.HasIndex(i => i.OrganisationId);
        e.HasOne<Suppliers.Supplier>().WithMany().HasForeignKey(i => i.SupplierId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_Invitations_OneTarget", "(\"SupplierId\" IS NULL) <> (\"OrganisationId\" IS NULL)"));
    }
}
