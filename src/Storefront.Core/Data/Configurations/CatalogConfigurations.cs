using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;

namespace Storefront.Core.Data.Configurations;

public class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.Property(c => c.Code).HasMaxLength(8);
        e.HasIndex(c => c.Code).IsUnique();
        e.Property(c => c.Slug).HasMaxLength(40);
        e.HasIndex(c => c.Slug).IsUnique();
        e.Property(c => c.Name).HasMaxLength(40);
        e.Property(c => c.NameEn).HasMaxLength(60);
        e.Property(c => c.ParentCode).HasMaxLength(8);
    }
}

public class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> e)
    {
        e.Property(l => l.Title).HasMaxLength(Listing.TitleMaxLength);
        e.Property(l => l.Unit).HasMaxLength(Listing.UnitMaxLength);
        e.Property(l => l.Spec).HasMaxLength(Listing.SpecMaxLength);
        e.Property(l => l.CertificationNo).HasMaxLength(Listing.CertificationMaxLength);
        e.Property(l => l.Description).HasMaxLength(Listing.DescriptionMaxLength);
        e.Property(l => l.SearchText).HasMaxLength(1000);
        e.Property(l => l.OriginCountyCode).HasMaxLength(6).IsFixedLength();
        e.Property(l => l.Revision).IsConcurrencyToken();
        e.Ignore(l => l.Code);
        e.Ignore(l => l.Tiers);
        e.Ignore(l => l.IsOnSale);
        e.Property(l => l.ReviewNote).HasMaxLength(Listing.ReviewNoteMaxLength);

        e.HasOne(l => l.Supplier).WithMany().HasForeignKey(l => l.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(l => l.Category).WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(l => l.OriginCounty).WithMany().HasForeignKey(l => l.OriginCountyCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(l => l.PriceTiers).WithOne().HasForeignKey(t => t.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Photos).WithOne().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);

        e.HasIndex(l => new { l.Status, l.CategoryId });
        e.HasIndex(l => new { l.Status, l.OriginCountyCode });
        e.HasIndex(l => new { l.Status, l.BasePriceFen });
        e.HasIndex(l => new { l.Status, l.PublishedAtUtc });
        e.HasIndex(l => l.SupplierId);

        e.ToTable(t =>
        {
            // The invariants that no code path may break, kept by the database too.
            t.HasCheckConstraint("CK_Listings_Stock", "\"Stock\" >= 0");
            t.HasCheckConstraint("CK_Listings_MinOrderQuantity", "\"MinOrderQuantity\" >= 1");
            t.HasCheckConstraint("CK_Listings_Revision", "\"Revision\" >= 1");
            t.HasCheckConstraint("CK_Listings_BasePrice", "\"BasePriceFen\" >= 1 AND \"LowestPriceFen\" >= 1 AND \"LowestPriceFen\" <= \"BasePriceFen\"");
            t.HasCheckConstraint("CK_Listings_LeadTime", "\"LeadTimeDays\" BETWEEN 0 AND 365");
        });
    }
}

public class ListingPriceTierConfiguration : IEntityTypeConfiguration<ListingPriceTier>
{
    public void Configure(EntityTypeBuilder<ListingPriceTier> e)
    {
        e.HasIndex(t => new { t.ListingId, t.MinQuantity }).IsUnique();
        e.ToTable(t => t.HasCheckConstraint("CK_ListingPriceTiers_Positive", "\"MinQuantity\" >= 1 AND \"UnitPriceFen\" >= 1"));
    }
}

public class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> e)
    {
        e.Property(p => p.ContentHash).HasMaxLength(64);
        e.Property(p => p.AltText).HasMaxLength(200);
        e.HasIndex(p => new { p.ListingId, p.Position }).IsUnique();
    }
}

public class ZonePictureConfiguration : IEntityTypeConfiguration<ZonePicture>
{
    public void Configure(EntityTypeBuilder<ZonePicture> e)
    {
        e.Property(z => z.ZoneKey).HasMaxLength(ZonePicture.KeyMaxLength);
        e.Property(z => z.ContentHash).HasMaxLength(64);
        e.Property(z => z.ChosenByUserId).HasMaxLength(450);
        e.HasIndex(z => new { z.Kind, z.ZoneKey }).IsUnique();
        // The photo files outlive their listings (content-named), so the choice stays when the listing goes.
        e.HasOne<Listing>().WithMany().HasForeignKey(z => z.FromListingId).OnDelete(DeleteBehavior.SetNull);
        e.ToTable(t => t.HasCheckConstraint("CK_ZonePictures_Size", "\"Width\" > 0 AND \"Height\" > 0"));
    }
}

public class ListingSyncJobConfiguration : IEntityTypeConfiguration<ListingSyncJob>
{
    public void Configure(EntityTypeBuilder<ListingSyncJob> e)
    {
        e.HasOne(j => j.Listing).WithMany().HasForeignKey(j => j.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(j => new { j.DoneAtUtc, j.ListingId });
    }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.Property(a => a.ActorUserId).HasMaxLength(450);
        e.Property(a => a.ActorName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(100);
        e.Property(a => a.SubjectType).HasMaxLength(50);
        e.Property(a => a.SubjectId).HasMaxLength(100);
        e.Property(a => a.Reason).HasMaxLength(2000);
        e.HasIndex(a => new { a.SubjectType, a.SubjectId });
        e.HasIndex(a => a.AtUtc);
    }
}
