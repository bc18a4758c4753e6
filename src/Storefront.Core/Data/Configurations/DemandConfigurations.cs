using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Demand;
using Storefront.Core.Regions;

namespace Storefront.Core.Data.Configurations;

public class ProcurementPlanConfiguration : IEntityTypeConfiguration<ProcurementPlan>
{
    public void Configure(EntityTypeBuilder<ProcurementPlan> e)
    {
        e.Property(p => p.Description).HasMaxLength(ProcurementPlan.DescriptionMaxLength);
        e.Property(p => p.Spec).HasMaxLength(ProcurementPlan.SpecMaxLength);
        e.Property(p => p.Unit).HasMaxLength(ProcurementPlan.UnitMaxLength);
        e.Property(p => p.DeliveryAddress).HasMaxLength(ProcurementPlan.AddressMaxLength);
        e.Property(p => p.ProvinceCode).HasMaxLength(6).IsFixedLength();
        e.Property(p => p.PostedByUserId).HasMaxLength(450);
        e.Property(p => p.Revision).IsConcurrencyToken();
        e.Ignore(p => p.Schedule);
        e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AdministrativeDivision>().WithMany().HasForeignKey(p => p.ProvinceCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Quotes).WithOne(q => q.Plan).HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OrganisationId, p.PostedAtUtc });
        e.HasIndex(p => new { p.CategoryId, p.QuotesCloseOn });
        e.ToTable(t =>
        {
            // The plan's rules, kept by the database too.
            t.HasCheckConstraint("CK_ProcurementPlans_Quantity", $"\"QuantityPerDelivery\" BETWEEN 1 AND {ProcurementPlan.MaxQuantityPerDelivery}");
            t.HasCheckConstraint("CK_ProcurementPlans_Period", "\"EndDate\" >= \"StartDate\" AND \"QuotesCloseOn\" <= \"EndDate\"");
            t.HasCheckConstraint("CK_ProcurementPlans_Ceiling", "\"PriceCeilingFen\" IS NULL OR \"PriceCeilingFen\" >= 1");
            t.HasCheckConstraint("CK_ProcurementPlans_Frequency", "\"Frequency\" IN (0, 1, 2)");
            t.HasCheckConstraint("CK_ProcurementPlans_Revision", "\"Revision\" >= 1");
        });
    }
}

public class PlanQuoteConfiguration : IEntityTypeConfiguration<PlanQuote>
{
    public void Configure(EntityTypeBuilder<PlanQuote> e)
    {
        // One current quote per supplier and plan; its earlier versions are PlanQuoteRevision rows.
        e.HasIndex(q => new { q.PlanId, q.SupplierId }).IsUnique();
        e.Property(q => q.Note).HasMaxLength(PlanQuote.NoteMaxLength);
        e.Property(q => q.Revision).IsConcurrencyToken();
        e.HasOne(q => q.Supplier).WithMany().HasForeignKey(q => q.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(q => q.Listing).WithMany().HasForeignKey(q => q.ListingId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(q => q.Revisions).WithOne().HasForeignKey(r => r.QuoteId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_PlanQuotes_Positive", "\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" >= 1 AND \"Revision\" >= 1");
        });
    }
}

public class PlanQuoteRevisionConfiguration : IEntityTypeConfiguration<PlanQuoteRevision>
{
    public void Configure(EntityTypeBuilder<PlanQuoteRevision> e)
    {
        e.HasIndex(r => new { r.QuoteId, r.Revision }).IsUnique();
        e.Property(r => r.Note).HasMaxLength(PlanQuote.NoteMaxLength);
        e.Property(r => r.SubmittedByUserId).HasMaxLength(450);
    }
}
