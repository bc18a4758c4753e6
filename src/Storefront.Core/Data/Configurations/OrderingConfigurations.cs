using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Storefront.Core.Catalog;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.People;

namespace Storefront.Core.Data.Configurations;

public class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> e)
    {
        e.Property(l => l.UserId).HasMaxLength(450);
        e.HasIndex(l => new { l.UserId, l.OrganisationId, l.ListingId }).IsUnique();
        e.HasOne<StorefrontUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(l => l.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_CartLines_Quantity", "\"Quantity\" >= 1 AND \"SeenUnitPriceFen\" >= 1"));
    }
}

public class SavedListConfiguration : IEntityTypeConfiguration<SavedList>
{
    public void Configure(EntityTypeBuilder<SavedList> e)
    {
        e.Property(l => l.Name).HasMaxLength(SavedList.NameMaxLength);
        e.Property(l => l.Revision).IsConcurrencyToken();
        e.Property(l => l.CreatedByUserId).HasMaxLength(450);
        e.HasIndex(l => l.OrganisationId);
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(l => l.Lines).WithOne().HasForeignKey(x => x.SavedListId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SavedListLineConfiguration : IEntityTypeConfiguration<SavedListLine>
{
    public void Configure(EntityTypeBuilder<SavedListLine> e)
    {
        e.HasOne<Listing>().WithMany().HasForeignKey(l => l.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_SavedListLines_Quantity", "\"Quantity\" >= 1"));
    }
}

public class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> e)
    {
        e.Property(p => p.Number).HasMaxLength(Purchase.NumberMaxLength);
        e.HasIndex(p => p.Number).IsUnique();
        e.HasIndex(p => p.CheckoutKey).IsUnique();
        e.Property(p => p.BuyerUserId).HasMaxLength(450);
        e.HasOne<StorefrontUser>().WithMany().HasForeignKey(p => p.BuyerUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.DeliveryLabel).HasMaxLength(Organisations.DeliveryAddress.LabelMaxLength);
        e.Property(p => p.DeliveryAddress).HasMaxLength(Organisations.DeliveryAddress.AddressMaxLength);
        e.Property(p => p.DeliveryRecipient).HasMaxLength(Organisations.DeliveryAddress.RecipientMaxLength);
        e.Property(p => p.DeliveryPhone).HasMaxLength(Organisations.DeliveryAddress.PhoneMaxLength);
        e.Property(p => p.PurchaseOrderReference).HasMaxLength(Purchase.ReferenceMaxLength);
        e.Property(p => p.Notes).HasMaxLength(Purchase.NotesMaxLength);
        e.HasIndex(p => new { p.OrganisationId, p.CreatedAtUtc });
        e.Property(p => p.PaymentMethod).HasDefaultValue(PaymentMethod.BankTransfer);
        e.HasMany(p => p.Orders).WithOne(o => o.Purchase).HasForeignKey(o => o.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(p => p.Payments).WithOne().HasForeignKey(p => p.PurchaseId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_Purchases_Total", "\"TotalFen\" >= 0"));
    }
}

public class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.Property(o => o.Number).HasMaxLength(Purchase.NumberMaxLength + 4);
        e.HasIndex(o => o.Number).IsUnique();
        e.HasIndex(o => new { o.PurchaseId, o.Sequence }).IsUnique();
        e.Property(o => o.Version).IsConcurrencyToken();
        e.Property(o => o.ApprovedByUserId).HasMaxLength(450);
        e.Property(o => o.CancellationReason).HasMaxLength(Order.ReasonMaxLength);
        e.HasOne(o => o.Organisation).WithMany().HasForeignKey(o => o.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(o => o.Supplier).WithMany().HasForeignKey(o => o.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Payment>().WithMany().HasForeignKey(o => o.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(o => o.Shipments).WithOne(s => s.Order).HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(o => o.Events).WithOne().HasForeignKey(v => v.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(o => o.IsFullyShipped);
        e.HasIndex(o => new { o.OrganisationId, o.Status });
        e.HasIndex(o => new { o.SupplierId, o.Status });
        e.HasIndex(o => new { o.Status, o.CreatedAtUtc });
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Orders_Total", "\"TotalFen\" >= 0");
            t.HasCheckConstraint("CK_Orders_Status", "\"Status\" BETWEEN 1 AND 8");
            // A paid order names its payment; a cancelled one says who ended it.
            t.HasCheckConstraint("CK_Orders_Paid", "\"PaidAtUtc\" IS NULL OR \"PaymentId\" IS NOT NULL");
            t.HasCheckConstraint("CK_Orders_Cancelled", "\"Status\" <> 7 OR \"Cancellation\" IS NOT NULL");
        });
    }
}

public class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> e)
    {
        e.Property(l => l.Title).HasMaxLength(Listing.TitleMaxLength);
        e.Property(l => l.Unit).HasMaxLength(Listing.UnitMaxLength);
        e.Property(l => l.Spec).HasMaxLength(Listing.SpecMaxLength);
        e.Property(l => l.OriginCountyCode).HasMaxLength(6).IsFixedLength();
        e.HasOne(l => l.OriginCounty).WithMany().HasForeignKey(l => l.OriginCountyCode).OnDelete(DeleteBehavior.Restrict);
        // The listing may later be deleted; the line keeps its snapshot and the id it came from.
        e.HasIndex(l => l.ListingId);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_OrderLines_Quantity", "\"Quantity\" >= 1 AND \"UnitPriceFen\" >= 1");
            t.HasCheckConstraint("CK_OrderLines_Amount", "\"AmountFen\" = \"UnitPriceFen\" * \"Quantity\"");
        });
    }
}

public class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> e)
    {
        e.Property(v => v.ActorUserId).HasMaxLength(450);
        e.Property(v => v.ActorName).HasMaxLength(256);
        e.Property(v => v.Note).HasMaxLength(Order.ReasonMaxLength + 200);
        e.HasIndex(v => new { v.OrderId, v.AtUtc });
    }
}

public class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> e)
    {
        e.Property(s => s.Carrier).HasMaxLength(Shipment.CarrierMaxLength);
        e.Property(s => s.TrackingNumber).HasMaxLength(Shipment.TrackingMaxLength);
        e.Property(s => s.ShippedByUserId).HasMaxLength(450);
        e.HasIndex(s => new { s.OrderId, s.Sequence }).IsUnique();
        e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(s => s.Receipt).WithOne().HasForeignKey<Receipt>(r => r.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> e)
    {
        e.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_ShipmentLines_Quantity", "\"Quantity\" >= 1"));
    }
}

public class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> e)
    {
        // One receipt per shipment, also when two people confirm it at once.
        e.HasIndex(r => r.ShipmentId).IsUnique();
        e.Property(r => r.ReceivedByUserId).HasMaxLength(450);
        e.Property(r => r.Note).HasMaxLength(Shipment.NoteMaxLength);
        e.Property(r => r.PhotoName).HasMaxLength(64);
        e.Property(r => r.PhotoContentType).HasMaxLength(32);
        e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReceiptId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReceiptLineConfiguration : IEntityTypeConfiguration<ReceiptLine>
{
    public void Configure(EntityTypeBuilder<ReceiptLine> e)
    {
        e.HasOne<ShipmentLine>().WithMany().HasForeignKey(l => l.ShipmentLineId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ReceiptLines_Accepted", "\"AcceptedQuantity\" >= 0");
            t.HasCheckConstraint("CK_ReceiptLines_Shortfall", "\"Shortfall\" IS NULL OR \"Shortfall\" IN (1, 2, 3)");
        });
    }
}

public class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        e.Property(p => p.Note).HasMaxLength(Payment.NoteMaxLength);
        e.Property(p => p.RecordedByUserId).HasMaxLength(450);
        // A payment recorded twice (a second click, a replayed webhook) is the same payment.
        e.HasIndex(p => new { p.PurchaseId, p.Method, p.Reference }).IsUnique();
        e.ToTable(t => t.HasCheckConstraint("CK_Payments_Amount", "\"AmountFen\" > 0"));
    }
}

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.UserId).HasMaxLength(450);
        e.Property(n => n.Subject).HasMaxLength(Notification.SubjectMaxLength);
        e.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        e.HasIndex(n => new { n.UserId, n.ReadAtUtc, n.CreatedAtUtc });
        e.HasOne<StorefrontUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SupplierRatingConfiguration : IEntityTypeConfiguration<SupplierRating>
{
    public void Configure(EntityTypeBuilder<SupplierRating> e)
    {
        // One rating per order, also when two buyers of the organisation rate it at once.
        e.HasIndex(r => r.OrderId).IsUnique();
        e.HasIndex(r => r.SupplierId);
        e.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Suppliers.Supplier>().WithMany().HasForeignKey(r => r.SupplierId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Comment).HasMaxLength(SupplierRating.CommentMaxLength);
        e.Property(r => r.RatedByUserId).HasMaxLength(450);
        e.ToTable(t => t.HasCheckConstraint("CK_SupplierRatings_Stars", "\"Stars\" BETWEEN 1 AND 5"));
    }
}
