using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength);
        e.Property(o => o.CreditCode).HasMaxLength(18).IsFixedLength();
        e.HasIndex(o => o.CreditCode).IsUnique();
        e.Property(o => o.RegionCode).HasMaxLength(6).IsFixedLength();
        e.HasOne(o => o.Region).WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        e.Property(o => o.CompetentUnit).HasMaxLength(Organisation.CompetentUnitMaxLength);
        e.Property(o => o.InvoiceContactName).HasMaxLength(Organisation.ContactNameMaxLength);
        e.Property(o => o.InvoiceContactEmail).HasMaxLength(Organisation.EmailMaxLength);
        e.Property(o => o.RejectionReason).HasMaxLength(Organisation.ReasonMaxLength);
        e.Property(o => o.SuspensionReason).HasMaxLength(Organisation.ReasonMaxLength);
        e.Ignore(o => o.MayOrder);
        e.Property(o => o.StandingOrderLeadDays).HasDefaultValue(Organisation.DefaultStandingOrderLeadDays);
        e.HasIndex(o => new { o.Type, o.RegionCode });
        e.HasIndex(o => new { o.Status, o.SubmittedAtUtc });
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Organisations_ApprovalThreshold", "\"ApprovalThresholdFen\" IS NULL OR \"ApprovalThresholdFen\" >= 0");
            t.HasCheckConstraint("CK_Organisations_PaymentTerm", "\"PaymentTermDays\" BETWEEN 0 AND 365");
            t.HasCheckConstraint("CK_Organisations_StandingOrderLeadDays", $"\"StandingOrderLeadDays\" BETWEEN 1 AND {Organisation.MaxStandingOrderLeadDays}");
        });
        e.HasMany(o => o.DeliveryAddresses).WithOne().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(o => o.Members).WithOne(m => m.Organisation).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class DeliveryAddressConfiguration : IEntityTypeConfiguration<DeliveryAddress>
{
    public void Configure(EntityTypeBuilder<DeliveryAddress> e)
    {
        e.Property(a => a.Label).HasMaxLength(DeliveryAddress.LabelMaxLength);
        e.Property(a => a.Address).HasMaxLength(DeliveryAddress.AddressMaxLength);
        e.Property(a => a.Recipient).HasMaxLength(DeliveryAddress.RecipientMaxLength);
        e.Property(a => a.Phone).HasMaxLength(DeliveryAddress.PhoneMaxLength);
    }
}

public class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> e)
    {
        e.HasIndex(m => new { m.OrganisationId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_OrganisationMembers_Roles", "\"Roles\" BETWEEN 1 AND 7"));
    }
}

public class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> e)
    {
        e.Property(s => s.Name).HasMaxLength(Supplier.NameMaxLength);
        e.Property(s => s.CreditCode).HasMaxLength(18).IsFixedLength();
        e.HasIndex(s => s.CreditCode).IsUnique();
        e.Property(s => s.CountyCode).HasMaxLength(6).IsFixedLength();
        e.HasOne(s => s.County).WithMany().HasForeignKey(s => s.CountyCode).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Address).HasMaxLength(Supplier.AddressMaxLength);
        e.Property(s => s.ContactName).HasMaxLength(Supplier.ContactNameMaxLength);
        e.Property(s => s.ContactPhone).HasMaxLength(Supplier.ContactPhoneMaxLength);
        e.Property(s => s.FarmerLinkDescription).HasMaxLength(Supplier.FarmerLinkMaxLength);
        e.Property(s => s.Platform832Code).HasMaxLength(Supplier.Platform832CodeMaxLength);
        e.HasIndex(s => s.Platform832Code).IsUnique();
        e.HasIndex(s => s.Status);
        e.Ignore(s => s.MaySell);
        e.Property(s => s.BankName).HasMaxLength(Supplier.BankNameMaxLength);
        // A data-protection payload of a 32-digit number is about 200 characters; room is left for key rotation.
        e.Property(s => s.BankAccountProtected).HasMaxLength(1000);
        e.Property(s => s.BankAccountLast4).HasMaxLength(4);
        e.Property(s => s.RejectionReason).HasMaxLength(Supplier.ReasonMaxLength);
        e.Property(s => s.SuspensionReason).HasMaxLength(Supplier.ReasonMaxLength);
        e.Ignore(s => s.BankAccountMasked);
        e.HasIndex(s => new { s.Status, s.SubmittedAtUtc });
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Suppliers_Households", "\"BenefitingHouseholds\" >= 0");
            t.HasCheckConstraint("CK_Suppliers_PovertyLiftedHouseholds", "\"PovertyLiftedHouseholds\" IS NULL OR \"PovertyLiftedHouseholds\" >= 0");
            t.HasCheckConstraint("CK_Suppliers_MonitoredHouseholds", "\"MonitoredHouseholds\" IS NULL OR \"MonitoredHouseholds\" >= 0");
        });
        e.HasMany(s => s.Members).WithOne(m => m.Supplier).HasForeignKey(m => m.SupplierId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Documents).WithOne().HasForeignKey(d => d.SupplierId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SupplierMemberConfiguration : IEntityTypeConfiguration<SupplierMember>
{
    public void Configure(EntityTypeBuilder<SupplierMember> e)
    {
        e.HasIndex(m => new { m.SupplierId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
