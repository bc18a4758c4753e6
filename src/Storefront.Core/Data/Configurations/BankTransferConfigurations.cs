using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Ordering;

namespace Storefront.Core.Data.Configurations;

public class BankTransferConfiguration : IEntityTypeConfiguration<BankTransfer>
{
    public void Configure(EntityTypeBuilder<BankTransfer> e)
    {
        e.Property(t => t.Payer).HasMaxLength(BankTransfer.PayerMaxLength);
        e.Property(t => t.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        e.Property(t => t.Note).HasMaxLength(Payment.NoteMaxLength);
        e.Property(t => t.RecordedByUserId).HasMaxLength(450);
        // A bank's reference names one transfer: recorded once, on one purchase.
        e.HasIndex(t => t.Reference).IsUnique();
        e.HasIndex(t => t.PurchaseId);
        e.HasOne<Purchase>().WithMany().HasForeignKey(t => t.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(t => t.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Shares).WithOne().HasForeignKey(s => s.BankTransferId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(t => t.SurplusFen);
        e.ToTable(t => t.HasCheckConstraint("CK_BankTransfers_Amount", "\"AmountFen\" > 0"));
    }
}

public class BankTransferShareConfiguration : IEntityTypeConfiguration<BankTransferShare>
{
    public void Configure(EntityTypeBuilder<BankTransferShare> e)
    {
        e.HasIndex(s => new { s.BankTransferId, s.OrderId }).IsUnique();
        e.HasIndex(s => s.OrderId);
        e.HasOne<Order>().WithMany().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_BankTransferShares_Amount", "\"AmountFen\" > 0"));
    }
}
