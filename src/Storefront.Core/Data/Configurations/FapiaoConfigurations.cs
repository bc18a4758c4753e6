using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Fapiao;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Data.Configurations;

public class FapiaoRequestConfiguration : IEntityTypeConfiguration<FapiaoRequest>
{
    public void Configure(EntityTypeBuilder<FapiaoRequest> e)
    {
        // One request per order, also when two buyers send it at once.
        e.HasIndex(r => r.OrderId).IsUnique();
        e.HasOne(r => r.Order).WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Supplier>().WithMany().HasForeignKey(r => r.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.SupplierId, r.RequestedAtUtc });
        e.Property(r => r.Title).HasMaxLength(FapiaoRequest.TitleMaxLength);
        e.Property(r => r.TaxId).HasMaxLength(18);
        e.Property(r => r.Email).HasMaxLength(FapiaoRequest.EmailMaxLength);
        e.Property(r => r.RequestedByUserId).HasMaxLength(450);
        e.HasMany(r => r.Fapiaos).WithOne().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_FapiaoRequests_Kind", "\"Kind\" IN (1, 2)");
            // A special fapiao (专用发票) cannot be issued without the buyer's tax id.
            t.HasCheckConstraint("CK_FapiaoRequests_TaxId", "\"Kind\" <> 2 OR \"TaxId\" IS NOT NULL");
        });
    }
}

public class IssuedFapiaoConfiguration : IEntityTypeConfiguration<IssuedFapiao>
{
    public void Configure(EntityTypeBuilder<IssuedFapiao> e)
    {
        e.HasOne<Order>().WithMany().HasForeignKey(f => f.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedFapiao>().WithMany().HasForeignKey(f => f.ReversesId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(f => f.OrderId);
        e.HasIndex(f => f.OrganisationId);
        // A fapiao number is the issuer's: the same number twice from one supplier is one fapiao recorded twice.
        e.HasIndex(f => new { f.SupplierId, f.Number }).IsUnique();
        e.Property(f => f.Number).HasMaxLength(IssuedFapiao.NumberMaxLength);
        e.Property(f => f.StoredName).HasMaxLength(64);
        e.HasIndex(f => f.StoredName).IsUnique();
        e.Property(f => f.ContentType).HasMaxLength(50);
        e.Property(f => f.FileName).HasMaxLength(IssuedFapiao.FileNameMaxLength);
        e.Property(f => f.UploadedByUserId).HasMaxLength(450);
        e.Ignore(f => f.IsRedLetter);
        e.ToTable(t =>
        {
            // A fapiao is positive; a red-letter one names what it reverses and is negative.
            t.HasCheckConstraint("CK_IssuedFapiaos_Amount", "(\"ReversesId\" IS NULL AND \"AmountFen\" > 0) OR (\"ReversesId\" IS NOT NULL AND \"AmountFen\" < 0)");
            t.HasCheckConstraint("CK_IssuedFapiaos_Length", "\"Length\" > 0");
        });
    }
}
