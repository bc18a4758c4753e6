using Storefront.Core.Catalog;
using Storefront.Core.Settings;
using Storefront.Core.Suppliers;
using Storefront.Web.Suppliers;

namespace Storefront.Web.Setup;

public static class SupplierSetup
{
    /// <summary>Supplier onboarding and verification, listing management, and the platform settings they follow.</summary>
    public static void AddStorefrontSuppliers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISupplierDocumentStore>(sp =>
        {
            var configured = builder.Configuration["Suppliers:DocumentsPath"];
            return new FileSystemSupplierDocumentStore(string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(sp.GetRequiredService<StorefrontPaths>().DataPath, "documents")
                : configured);
        });
        builder.Services.AddScoped<BankAccounts>();
        builder.Services.AddScoped<SupplierProfiles>();
        builder.Services.AddScoped<SupplierDocuments>();
        builder.Services.AddScoped<SupplierVerification>();
        builder.Services.AddScoped<PlatformSettings>();
        builder.Services.AddScoped<ListingEditor>();
        builder.Services.AddScoped<ListingPhotoAlbum>();
        builder.Services.AddScoped<ListingImport>();
        builder.Services.AddScoped<Core.Demand.ProcurementPlans>();
        builder.Services.AddScoped<Core.Demand.PlanQuoting>();
        builder.Services.AddScoped<Core.Demand.SignedAgreements>();
        builder.Services.AddScoped<Core.Demand.DeliveryCalendar>();
        builder.Services.AddScoped<Core.Demand.HouseholdLinkage>();
        builder.Services.AddScoped<Core.Demand.PlanAwards>();
        builder.Services.AddScoped<Core.Demand.AgreementChanges>();
        builder.Services.AddScoped<Core.Demand.StandingOrders>();
        builder.Services.AddScoped<Core.Demand.StandingDeliveries>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true) && builder.Configuration.GetValue("StandingOrders:Enabled", true))
            builder.Services.AddHostedService<Demand.StandingOrderJob>();
    }
}
