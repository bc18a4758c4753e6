using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Notifications;

namespace Storefront.Web.Setup;

public static class OrderingSetup
{
    /// <summary>Organisations and their people, carts, checkout, the order workflow, payments recorded by admins, fapiaos, notifications.</summary>
    public static void AddStorefrontOrdering(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<INotificationTexts, NotificationTexts>();
        builder.Services.AddScoped<NavigationCounts>();
        builder.Services.AddScoped<Notifier>();
        builder.Services.AddScoped<OrganisationRegistration>();
        builder.Services.AddScoped<OrganisationVerification>();
        builder.Services.AddScoped<OrganisationMembership>();
        builder.Services.AddScoped<Cart>();
        builder.Services.AddScoped<SavedLists>();
        builder.Services.AddScoped<StockReservations>();
        builder.Services.AddScoped<OrderPlacement>();
        builder.Services.AddScoped<OrderWorkflow>();
        builder.Services.AddScoped<SupplierRatings>();
        builder.Services.AddScoped<Papers.OrderPapers>();
        builder.Services.AddScoped<PaymentConfirmation>();
        builder.Services.AddScoped<Core.Fapiao.FapiaoDesk>();
        builder.Services.AddScoped<BankTransfers>();
        builder.Services.AddScoped<Demo.DemoOrdering>();
        builder.Services.AddScoped<Demo.DemoDemand>();
        builder.Services.AddScoped<Demo.DemoPlatform832History>();
    }
}
