using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Tests.Ordering;

/// <summary>Test data and services for ordering: suppliers in designated counties, listings with tiers, buyers.</summary>
public static class OrderingBuilders
{
    private static int _sequence = 1000;

    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    public sealed class PlainTexts : INotificationTexts
    {
        public NotificationMail Compose(NotificationKind kind, string subject, string link) => new($"{kind} {subject}", link);
    }

    /// <summary>The ordering services over one database, as the application wires them.</summary>
    public sealed class Services(StorefrontDbContext db)
    {
        public Notifier Notifier { get; } = new(db, new MailQueue(db, Clock), new PlainTexts(), Clock);
        public StockReservations Stock { get; } = new(db, Clock);
        public Cart Cart { get; } = new(db, Clock);
        public Core.Payments.PaymentRequests PaymentRequests { get; } = new(db, new Core.Payments.OfflinePaymentGateway(), new Core.Settings.PublicAddress(new Uri("https://shop.test")), Clock);
        public OrderPlacement Placement => new(db, Cart, Stock, Notifier, PaymentRequests, Clock);
        public OrderWorkflow Workflow => new(db, Stock, Notifier, PaymentRequests, Clock);
        public PaymentConfirmation Payments => new(db, new QuotaLedger(db, Clock), Notifier, Clock);
    }

    public static async Task DesignateAsync(this StorefrontDbContext db, params string[] counties)
    {
        foreach (var code in counties)
        {
            if (!await db.DesignatedCounties.AnyAsync(c => c.CountyCode == code))
                db.DesignatedCounties.Add(new DesignatedCounty { CountyCode = code, AddedAtUtc = Clock.GetUtcNow().UtcDateTime, Source = "test" });
        }
        await db.SaveChangesAsync();
    }

    public static async Task<Supplier> AddSupplierAsync(this StorefrontDbContext db, string county = "433127")
    {
        await db.DesignateAsync(county);
        var n = Interlocked.Increment(ref _sequence);
        var supplier = new Supplier
        {
            Name = $"合作社{n}", CreditCode = UnifiedSocialCreditCode.Complete($"93{county}MA{n:D7}"), CountyCode = county, Status = VerificationStatus.Verified,
        };
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync();
        return supplier;
    }

    public static async Task<Listing> AddListingAsync(this StorefrontDbContext db, Supplier supplier, int stock = 1000, int moq = 10, long priceFen = 1000, int leadDays = 2, params PriceTier[] moreTiers)
    {
        var listing = new Listing
        {
            Title = $"商品{Interlocked.Increment(ref _sequence)}", Unit = "kg", Spec = "散装", OriginCountyCode = supplier.CountyCode, SupplierId = supplier.Id,
            CategoryId = (await db.Categories.FirstAsync(c => c.Slug == "rice")).Id, Stock = stock, LeadTimeDays = leadDays, Status = ListingStatus.Published,
        };
        listing.SetPricing(moq, [new PriceTier(moq, priceFen), .. moreTiers]);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing;
    }

    /// <summary>A member of the organisation with the roles given, and a canteen address for it.</summary>
    public static async Task<Core.People.StorefrontUser> AddMemberAsync(this StorefrontDbContext db, Organisation organisation, OrganisationRoles roles)
    {
        var user = await db.AddUserAsync();
        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = user.Id, Roles = roles });
        if (!await db.DeliveryAddresses.AnyAsync(a => a.OrganisationId == organisation.Id))
            organisation.DeliveryAddresses.Add(new DeliveryAddress { Label = "食堂", Address = "长沙市岳麓区", Recipient = "食堂", Phone = "0731", IsDefault = true });
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Checks the person's cart out as it is, with the prices it shows now.</summary>
    public static async Task<OrderPlacement.Result> CheckOutAsync(this Services services, StorefrontDbContext db, Organisation organisation, Core.People.StorefrontUser buyer, Guid? key = null)
    {
        var view = await services.Cart.LoadAsync(buyer.Id, organisation.Id);
        var address = await db.DeliveryAddresses.FirstAsync(a => a.OrganisationId == organisation.Id);
        return await services.Placement.PlaceAsync(new OrderPlacement.Request(
            organisation.Id, buyer.Id, buyer.DisplayName, key ?? Guid.NewGuid(), address.Id,
            services.Placement.EarliestDelivery(view), "PO-1", null, false,
            view.Items.Select(i => new OrderPlacement.SeenLine(i.Quote.Listing.Id, i.Quote.Quantity, i.Quote.UnitPriceFen ?? 0)).ToList()));
    }
}
