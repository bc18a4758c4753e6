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
        // The plan keeps the address's text; removing the address from the book leaves the plan as it was.
        e.HasOne<Organisations.DeliveryAddress>().WithMany().HasForeignKey(p => p.DeliveryAddressId).OnDelete(DeleteBehavior.SetNull);
        e.Property(p => p.DecidedByUserId).HasMaxLength(450);
        e.Property(p => p.RejectionReason).HasMaxLength(ProcurementPlan.ReasonMaxLength);
        e.HasIndex(p => new { p.OrganisationId, p.Approval });
        e.HasMany(p => p.Quotes).WithOne(q => q.Plan).HasForeignKey(q => q.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Revisions).WithOne().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
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
            t.HasCheckConstraint("CK_ProcurementPlans_Counties", "NOT (\"PairedCountiesOnly\" AND \"ProvinceCode\" IS NOT NULL)");
            t.HasCheckConstraint("CK_ProcurementPlans_Approval", "\"Approval\" IN (0, 1, 2) AND (\"Approval\" <> 2 OR \"RejectionReason\" IS NOT NULL)");
            // The awards' sum within the plan, whatever raced to raise it.
            t.HasCheckConstraint("CK_ProcurementPlans_Awarded", "\"AwardedQuantityPerDelivery\" BETWEEN 0 AND \"QuantityPerDelivery\"");
        });
    }
}

public class ProcurementPlanRevisionConfiguration : IEntityTypeConfiguration<ProcurementPlanRevision>
{
    public void Configure(EntityTypeBuilder<ProcurementPlanRevision> e)
    {
        // One row per revision: two changes made at once from the same revision cannot both be kept.
        e.HasIndex(r => new { r.PlanId, r.Revision }).IsUnique();
        e.Property(r => r.Description).HasMaxLength(ProcurementPlan.DescriptionMaxLength);
        e.Property(r => r.Spec).HasMaxLength(ProcurementPlan.SpecMaxLength);
        e.Property(r => r.Unit).HasMaxLength(ProcurementPlan.UnitMaxLength);
        e.Property(r => r.DeliveryAddress).HasMaxLength(ProcurementPlan.AddressMaxLength);
        e.Property(r => r.ProvinceCode).HasMaxLength(6).IsFixedLength();
        e.Property(r => r.RejectionReason).HasMaxLength(ProcurementPlan.ReasonMaxLength);
        e.Property(r => r.ChangedByUserId).HasMaxLength(450);
        e.Property(r => r.ChangedByName).HasMaxLength(256);
        e.Ignore(r => r.Schedule);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ProcurementPlanRevisions_Terms",
                $"\"Revision\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND {ProcurementPlan.MaxQuantityPerDelivery} AND \"EndDate\" >= \"StartDate\" AND (\"PriceCeilingFen\" IS NULL OR \"PriceCeilingFen\" >= 1)");
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
        e.OwnsMany(q => q.Tiers, QuoteTierConfiguration.Configure<PlanQuote>("PlanQuoteTiers"));
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_PlanQuotes_Positive", "\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" >= 1 AND \"Revision\" >= 1");
            t.HasCheckConstraint("CK_PlanQuotes_Status", "\"Status\" IN (0, 1, 2) AND (\"Status\" = 0) = (\"DecidedAtUtc\" IS NULL)");
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
        e.OwnsMany(r => r.Tiers, QuoteTierConfiguration.Configure<PlanQuoteRevision>("PlanQuoteRevisionTiers"));
    }
}

/// <summary>A quote's tiers, and each revision's, in a table of their own; each tier positive, kept by the database too.</summary>
public static class QuoteTierConfiguration
{
    public static Action<OwnedNavigationBuilder<TOwner, QuoteTier>> Configure<TOwner>(string table) where TOwner : class => t =>
    {
        t.ToTable(table, x => x.HasCheckConstraint($"CK_{table}_Positive", "\"MinQuantity\" >= 1 AND \"UnitPriceFen\" >= 1"));
        t.Property<int>("Id");
        t.HasKey("Id");
    };
}

public class PairedCountyConfiguration : IEntityTypeConfiguration<Organisations.PairedCounty>
{
    public void Configure(EntityTypeBuilder<Organisations.PairedCounty> e)
    {
        e.HasIndex(p => new { p.OrganisationId, p.CountyCode }).IsUnique();
        e.Property(p => p.CountyCode).HasMaxLength(6).IsFixedLength();
        e.Property(p => p.AddedByUserId).HasMaxLength(450);
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(p => p.County).WithMany().HasForeignKey(p => p.CountyCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SupplyAgreementConfiguration : IEntityTypeConfiguration<SupplyAgreement>
{
    public void Configure(EntityTypeBuilder<SupplyAgreement> e)
    {
        // An award is one agreement: awarding the same quote twice is refused by the database too.
        e.HasIndex(a => a.QuoteId).IsUnique();
        e.HasIndex(a => new { a.OrganisationId, a.Status });
        e.HasIndex(a => new { a.SupplierId, a.Status });
        e.HasIndex(a => a.PlanId);
        e.Property(a => a.Description).HasMaxLength(ProcurementPlan.DescriptionMaxLength);
        e.Property(a => a.Spec).HasMaxLength(ProcurementPlan.SpecMaxLength);
        e.Property(a => a.Unit).HasMaxLength(ProcurementPlan.UnitMaxLength);
        e.Property(a => a.DeliveryAddress).HasMaxLength(ProcurementPlan.AddressMaxLength);
        e.Property(a => a.PriceReview).HasMaxLength(SupplyAgreement.PriceReviewMaxLength);
        e.Property(a => a.EndReason).HasMaxLength(SupplyAgreement.ReasonMaxLength);
        e.Property(a => a.AwardedByUserId).HasMaxLength(450);
        e.Property(a => a.EndedByUserId).HasMaxLength(450);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.Ignore(a => a.Schedule);
        e.Ignore(a => a.Terms);
        e.Ignore(a => a.IsActive);
        e.HasOne(a => a.Plan).WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(a => a.Quote).WithOne().HasForeignKey<SupplyAgreement>(a => a.QuoteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(a => a.Supplier).WithMany().HasForeignKey(a => a.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Catalog.Category>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(a => a.Listing).WithMany().HasForeignKey(a => a.ListingId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Deliveries).WithOne(d => d.Agreement).HasForeignKey(d => d.AgreementId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_SupplyAgreements_Terms",
                $"\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND {ProcurementPlan.MaxQuantityPerDelivery} AND \"EndDate\" >= \"StartDate\"");
            t.HasCheckConstraint("CK_SupplyAgreements_Notice", $"\"ChangeNoticeDays\" BETWEEN 0 AND {SupplyAgreement.MaxChangeNoticeDays}");
            t.HasCheckConstraint("CK_SupplyAgreements_Status", "\"Status\" IN (0, 1) AND (\"Status\" = 0) = (\"EndedAtUtc\" IS NULL)");
        });
    }
}

public class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> e)
    {
        e.HasIndex(v => new { v.AgreementId, v.Version }).IsUnique();
        e.Property(v => v.PriceReview).HasMaxLength(SupplyAgreement.PriceReviewMaxLength);
        e.Property(v => v.Reason).HasMaxLength(SupplyAgreement.ReasonMaxLength);
        e.Property(v => v.ChangedByUserId).HasMaxLength(450);
        e.Ignore(v => v.Schedule);
    }
}

public class StandingDeliveryConfiguration : IEntityTypeConfiguration<StandingDelivery>
{
    public void Configure(EntityTypeBuilder<StandingDelivery> e)
    {
        // The standing-order job's idempotence key: one row, so at most one order, per agreement and date.
        e.HasIndex(d => new { d.AgreementId, d.DeliveryDate }).IsUnique();
        // And no order answers two deliveries.
        e.HasIndex(d => d.OrderId).IsUnique();
        e.Property(d => d.Version).IsConcurrencyToken();
        e.HasOne(d => d.Order).WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.Property(d => d.DeclineReason).HasMaxLength(StandingDelivery.ReasonMaxLength);
        e.Property(d => d.ConfirmedByUserId).HasMaxLength(450);
        e.Property(d => d.ChangedByUserId).HasMaxLength(450);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_StandingDeliveries_Hold", "\"Hold\" IS NULL OR (\"Hold\" IN (1, 2, 3, 4) AND \"Status\" = 0)");
            t.HasCheckConstraint("CK_StandingDeliveries_Declined", "\"Status\" <> 3 OR \"DeclineReason\" IS NOT NULL");
            t.HasCheckConstraint("CK_StandingDeliveries_Quantity", $"\"Quantity\" BETWEEN 0 AND {ProcurementPlan.MaxQuantityPerDelivery}");
            t.HasCheckConstraint("CK_StandingDeliveries_Status", "\"Status\" IN (0, 1, 2, 3) AND (\"Status\" <> 2 OR \"OrderId\" IS NOT NULL)");
        });
    }
}

public class AgreementChangeRequestConfiguration : IEntityTypeConfiguration<AgreementChangeRequest>
{
    public void Configure(EntityTypeBuilder<AgreementChangeRequest> e)
    {
        // One pending request per agreement: two proposals at once cannot both wait to be decided.
        e.HasIndex(r => r.AgreementId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_AgreementChangeRequests_OnePending");
        e.HasIndex(r => new { r.AgreementId, r.RequestedAtUtc });
        e.Property(r => r.Reason).HasMaxLength(SupplyAgreement.ReasonMaxLength);
        e.Property(r => r.RefusalReason).HasMaxLength(SupplyAgreement.ReasonMaxLength);
        e.Property(r => r.PriceReview).HasMaxLength(SupplyAgreement.PriceReviewMaxLength);
        e.Property(r => r.RequestedByUserId).HasMaxLength(450);
        e.Property(r => r.DecidedByUserId).HasMaxLength(450);
        // Only one decision: a second one, made at once, finds the status moved.
        e.Property(r => r.Status).IsConcurrencyToken();
        e.Ignore(r => r.Schedule);
        e.Ignore(r => r.Terms);
        e.Ignore(r => r.DecidedBy);
        e.Ignore(r => r.IsPending);
        e.HasOne(r => r.Agreement).WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Catalog.Listing>().WithMany().HasForeignKey(r => r.ListingId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_AgreementChangeRequests_Terms",
                $"\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND {ProcurementPlan.MaxQuantityPerDelivery} AND \"EndDate\" >= \"StartDate\" AND \"ChangeNoticeDays\" BETWEEN 0 AND {SupplyAgreement.MaxChangeNoticeDays}");
            t.HasCheckConstraint("CK_AgreementChangeRequests_Status",
                "\"Status\" IN (0, 1, 2, 3) AND (\"Status\" = 0) = (\"DecidedAtUtc\" IS NULL) AND (\"Status\" = 2) = (\"RefusalReason\" IS NOT NULL)");
        });
    }
}
