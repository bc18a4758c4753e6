using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Jobs;
using Storefront.Core.Mail;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Core.People;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Core.Regions;
using Storefront.Core.Settings;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Data;

/// <summary>The one DbContext of the shop, Identity and data-protection keys included, so that every change can share a transaction.</summary>
public class StorefrontDbContext(DbContextOptions<StorefrontDbContext> options)
    : IdentityDbContext<StorefrontUser>(options), IDataProtectionKeyContext
{
    public DbSet<AdministrativeDivision> Divisions => Set<AdministrativeDivision>();
    public DbSet<DesignatedCounty> DesignatedCounties => Set<DesignatedCounty>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Supplier> Suppliers => Set<Supplier>();
    public DbSet<SupplierMember> SupplierMembers => Set<SupplierMember>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<DeliveryAddress> DeliveryAddresses => Set<DeliveryAddress>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<ListingPriceTier> ListingPriceTiers => Set<ListingPriceTier>();
    public DbSet<ListingPhoto> ListingPhotos => Set<ListingPhoto>();
    public DbSet<ListingSyncJob> ListingSyncJobs => Set<ListingSyncJob>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<QuotaEntry> QuotaEntries => Set<QuotaEntry>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Supplier onboarding and listing management (issue 3): licences for verification, platform settings.
    public DbSet<SupplierDocument> SupplierDocuments => Set<SupplierDocument>();
    public DbSet<PlatformSetting> PlatformSettings => Set<PlatformSetting>();

    // Quotas (issue 6): rules, filings, corrections, and the totals kept beside the ledger.
    public DbSet<QuotaRule> QuotaRules => Set<QuotaRule>();
    public DbSet<QuotaYear> QuotaYears => Set<QuotaYear>();
    public DbSet<CanteenFiling> CanteenFilings => Set<CanteenFiling>();
    public DbSet<QuotaCorrection> QuotaCorrections => Set<QuotaCorrection>();
    public DbSet<QuotaMonthlyTotal> QuotaMonthlyTotals => Set<QuotaMonthlyTotal>();
    public DbSet<QuotaYearlyTotal> QuotaYearlyTotals => Set<QuotaYearlyTotal>();
    public DbSet<QuotaImpactTotal> QuotaImpactTotals => Set<QuotaImpactTotal>();
    public DbSet<QuotaDigestSent> QuotaDigestsSent => Set<QuotaDigestSent>();

    /// <summary>
    /// What every context needs, whoever builds it. Quotas (issue 6): the monthly totals move with the ledger in every
    /// save. Performance (issue 8): so does the catalog's stamp.
    /// </summary>
    public static DbContextOptionsBuilder AddInterceptorsTo(DbContextOptionsBuilder options) =>
        options.AddInterceptors(QuotaTotalsInterceptor.Instance, CatalogChanges.Instance);

    // The shop's pooled contexts have them from their options, which pooling forbids changing here; a context built by
    // hand (tests, tools, design time) gets them now.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(QuotaTotalsInterceptor.Instance) != true)
            AddInterceptorsTo(optionsBuilder);
    }
    // The 832 platform adapter: sync records per listing, job cursors, imported orders, reconciliation reports.
    public DbSet<ListingSyncRecord> ListingSyncRecords => Set<ListingSyncRecord>();
    public DbSet<Platform832JobState> Platform832JobStates => Set<Platform832JobState>();
    public DbSet<Platform832Order> Platform832Orders => Set<Platform832Order>();
    public DbSet<Platform832OrderLine> Platform832OrderLines => Set<Platform832OrderLine>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<ReconciliationDrift> ReconciliationDrifts => Set<ReconciliationDrift>();
    public DbSet<Platform832Category> Platform832Categories => Set<Platform832Category>();
    public DbSet<Platform832County> Platform832Counties => Set<Platform832County>();
    public DbSet<Platform832CategoryMapping> Platform832CategoryMappings => Set<Platform832CategoryMapping>();
    // Ordering (issue 4): carts and saved lists, purchases and their orders, shipments, receipts, payments, notifications.
    public DbSet<CartLine> CartLines => Set<CartLine>();
    public DbSet<SavedList> SavedLists => Set<SavedList>();
    public DbSet<ZonePicture> ZonePictures => Set<ZonePicture>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<SupplierRating> SupplierRatings => Set<SupplierRating>();
    public DbSet<Payment> Payments => Set<Payment>();
    // Bank transfers (issue 14): several per purchase, each shared among the orders it pays.
    public DbSet<BankTransfer> BankTransfers => Set<BankTransfer>();
    public DbSet<BankTransferShare> BankTransferShares => Set<BankTransferShare>();
    public DbSet<Notification> Notifications => Set<Notification>();
    // Payments (issue 5): requests to the gateway, its customers, webhook events, the outbox, refunds, settlements.
    public DbSet<PaymentRequest> PaymentRequests => Set<PaymentRequest>();
    public DbSet<PaymentRequestOrder> PaymentRequestOrders => Set<PaymentRequestOrder>();
    public DbSet<GatewayCustomer> GatewayCustomers => Set<GatewayCustomer>();
    public DbSet<GatewayEvent> GatewayEvents => Set<GatewayEvent>();
    public DbSet<PaymentOutboxMessage> PaymentOutboxMessages => Set<PaymentOutboxMessage>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<SupplierSettlement> SupplierSettlements => Set<SupplierSettlement>();
    // Performance (issue 8): the catalog's search index and the stamp that keys cached catalog pages.
    public DbSet<CatalogVersion> CatalogVersions => Set<CatalogVersion>();
    public DbSet<Organisations.OrganisationVersion> OrganisationVersions => Set<Organisations.OrganisationVersion>();
    // Fapiao (issue 14): buyers' requests and the fapiaos suppliers issued against them.
    public DbSet<Fapiao.FapiaoRequest> FapiaoRequests => Set<Fapiao.FapiaoRequest>();
    public DbSet<Fapiao.IssuedFapiao> IssuedFapiaos => Set<Fapiao.IssuedFapiao>();
    // Supply and demand matching (issue 15): organisations' procurement plans and suppliers' quotes with their revisions.
    public DbSet<Demand.ProcurementPlan> ProcurementPlans => Set<Demand.ProcurementPlan>();
    public DbSet<Demand.ProcurementPlanRevision> ProcurementPlanRevisions => Set<Demand.ProcurementPlanRevision>();
    public DbSet<Demand.PlanQuote> PlanQuotes => Set<Demand.PlanQuote>();
    public DbSet<Demand.PlanQuoteRevision> PlanQuoteRevisions => Set<Demand.PlanQuoteRevision>();
    public DbSet<Organisations.PairedCounty> PairedCounties => Set<Organisations.PairedCounty>();
    public DbSet<Demand.SupplyAgreement> SupplyAgreements => Set<Demand.SupplyAgreement>();
    public DbSet<Demand.AgreementVersion> AgreementVersions => Set<Demand.AgreementVersion>();
    public DbSet<Demand.StandingDelivery> StandingDeliveries => Set<Demand.StandingDelivery>();
    public DbSet<Demand.AgreementChangeRequest> AgreementChangeRequests => Set<Demand.AgreementChangeRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StorefrontDbContext).Assembly);
    }

    /// <summary>
    /// Every tracked listing that is added or whose revision changed gets a sync job in the same transaction, so no
    /// change can be saved without the outbox knowing. Changes made with ExecuteUpdate (stock reservations) add their
    /// jobs themselves with <see cref="ListingSyncJob.For"/>.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddListingSyncJobs();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddListingSyncJobs();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void AddListingSyncJobs()
    {
        var changed = ChangeTracker.Entries<Listing>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(l => l.Revision).IsModified))
            .ToList();
        if (changed.Count == 0) return;
        var now = DateTime.UtcNow;
        // Through the navigation, so that a new listing's job gets its id when both are inserted.
        foreach (var entry in changed) ListingSyncJobs.Add(ListingSyncJob.For(entry.Entity, now));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. SQLite hands values back without a kind, so the kind is restored on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
