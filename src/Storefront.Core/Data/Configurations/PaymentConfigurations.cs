using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Data.Configurations;

public class PaymentRequestConfiguration : IEntityTypeConfiguration<PaymentRequest>
{
    public void Configure(EntityTypeBuilder<PaymentRequest> e)
    {
        e.HasIndex(r => r.Key).IsUnique();
        e.HasIndex(r => r.GatewayId).IsUnique();
        e.HasIndex(r => r.PaymentIntentId);
        e.HasIndex(r => new { r.PurchaseId, r.Status });
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Property(r => r.CreatedByUserId).HasMaxLength(450);
        e.Property(r => r.GatewayId).HasMaxLength(PaymentRequest.GatewayIdMaxLength);
        e.Property(r => r.CustomerId).HasMaxLength(PaymentRequest.GatewayIdMaxLength);
        e.Property(r => r.PaymentIntentId).HasMaxLength(PaymentRequest.GatewayIdMaxLength);
        e.Property(r => r.Url).HasMaxLength(PaymentRequest.UrlMaxLength);
        e.Property(r => r.PdfUrl).HasMaxLength(PaymentRequest.UrlMaxLength);
        e.Property(r => r.LastFailure).HasMaxLength(PaymentRequest.FailureMaxLength);
        e.Ignore(r => r.IsOpen);
        e.Ignore(r => r.Method);
        e.Ignore(r => r.Reference);
        e.HasOne(r => r.Purchase).WithMany().HasForeignKey(r => r.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Orders).WithOne().HasForeignKey(o => o.PaymentRequestId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_PaymentRequests_Amount", "\"AmountFen\" > 0");
            t.HasCheckConstraint("CK_PaymentRequests_Kind", "\"Kind\" BETWEEN 1 AND 2");
            t.HasCheckConstraint("CK_PaymentRequests_Status", "\"Status\" BETWEEN 1 AND 6");
            // A paid request names its payment.
            t.HasCheckConstraint("CK_PaymentRequests_Paid", "\"Status\" <> 3 OR \"PaymentId\" IS NOT NULL");
        });
    }
}

public class PaymentRequestOrderConfiguration : IEntityTypeConfiguration<PaymentRequestOrder>
{
    public void Configure(EntityTypeBuilder<PaymentRequestOrder> e)
    {
        e.HasKey(x => new { x.PaymentRequestId, x.OrderId });
        e.HasIndex(x => x.OrderId);
        e.HasOne(x => x.Order).WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class GatewayCustomerConfiguration : IEntityTypeConfiguration<GatewayCustomer>
{
    public void Configure(EntityTypeBuilder<GatewayCustomer> e)
    {
        e.HasKey(c => c.OrganisationId);
        e.Property(c => c.OrganisationId).ValueGeneratedNever();
        e.Property(c => c.CustomerId).HasMaxLength(PaymentRequest.GatewayIdMaxLength);
        e.HasOne<Organisations.Organisation>().WithOne().HasForeignKey<GatewayCustomer>(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> e)
    {
        e.HasIndex(r => r.Key).IsUnique();
        // One gateway refund is recorded once per order: a refund made at the gateway for a payment of several orders
        // is split over them (Refunds.RecordGatewayRefundAsync), each part counted once.
        e.HasIndex(r => new { r.GatewayRefundId, r.OrderId }).IsUnique();
        e.HasIndex(r => new { r.OrderId, r.Status });
        e.HasIndex(r => new { r.PaymentId, r.Status });
        e.Property(r => r.Version).IsConcurrencyToken();
        e.Property(r => r.Reason).HasMaxLength(Refund.ReasonMaxLength);
        e.Property(r => r.GatewayRefundId).HasMaxLength(PaymentRequest.GatewayIdMaxLength);
        e.Property(r => r.RequestedByUserId).HasMaxLength(450);
        e.Property(r => r.RequestedByName).HasMaxLength(256);
        e.Property(r => r.FailureMessage).HasMaxLength(PaymentRequest.FailureMaxLength);
        e.HasOne(r => r.Order).WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Refunds_Amount", "\"AmountFen\" > 0 AND \"RefundedBeforeFen\" >= 0");
            t.HasCheckConstraint("CK_Refunds_Status", "\"Status\" BETWEEN 1 AND 3");
            t.HasCheckConstraint("CK_Refunds_Completed", "\"Status\" = 1 OR \"CompletedAtUtc\" IS NOT NULL");
        });
    }
}

public class GatewayEventConfiguration : IEntityTypeConfiguration<GatewayEvent>
{
    public void Configure(EntityTypeBuilder<GatewayEvent> e)
    {
        e.HasKey(v => v.Id);
        e.Property(v => v.Id).HasMaxLength(GatewayEvent.IdMaxLength);
        e.Property(v => v.Type).HasMaxLength(100);
        e.Property(v => v.ApiVersion).HasMaxLength(50);
        e.Property(v => v.Outcome).HasMaxLength(GatewayEvent.OutcomeMaxLength);
        e.HasIndex(v => v.ReceivedAtUtc);
        e.HasIndex(v => new { v.ProcessedAtUtc, v.NextAttemptAtUtc });
    }
}

public class PaymentOutboxMessageConfiguration : IEntityTypeConfiguration<PaymentOutboxMessage>
{
    public void Configure(EntityTypeBuilder<PaymentOutboxMessage> e)
    {
        e.Property(m => m.LastError).HasMaxLength(500);
        e.HasIndex(m => new { m.DoneAtUtc, m.GaveUpAtUtc, m.NextAttemptAtUtc });
        e.HasOne<PaymentRequest>().WithMany().HasForeignKey(m => m.PaymentRequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Refund>().WithMany().HasForeignKey(m => m.RefundId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_PaymentOutboxMessages_Target", "\"PaymentRequestId\" IS NOT NULL OR \"RefundId\" IS NOT NULL"));
    }
}

public class SupplierSettlementConfiguration : IEntityTypeConfiguration<SupplierSettlement>
{
    public void Configure(EntityTypeBuilder<SupplierSettlement> e)
    {
        e.HasIndex(s => s.Key).IsUnique();
        e.HasIndex(s => new { s.SupplierId, s.SettledOn });
        e.Property(s => s.Reference).HasMaxLength(SupplierSettlement.ReferenceMaxLength);
        e.Property(s => s.Note).HasMaxLength(SupplierSettlement.NoteMaxLength);
        e.Property(s => s.RecordedByUserId).HasMaxLength(450);
        e.HasOne<Supplier>().WithMany().HasForeignKey(s => s.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_SupplierSettlements_Amount", "\"AmountFen\" > 0"));
    }
}
