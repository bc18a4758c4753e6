using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Storefront.Web.Localization;

namespace Storefront.Web.Setup;

public static class PagesSetup
{
    public static void AddStorefrontPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services
            .AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", Security.Policies.Admin);
                // Every admin POST is audited, in the transaction of its change (DESIGN.md rule 5).
                o.Conventions.AddFolderApplicationModelConvention("/Admin", page => page.Filters.Add(new Security.AdminAuditFilter()));
                // Every page under /Admin is an admin page by where it lives; every other page declares whom it is for.
                o.Conventions.AddFolderApplicationModelConvention("/Admin", page => page.EndpointMetadata.Add(new Security.AdminPageAttribute()));
            })
            .AddMvcOptions(o => o.Filters.Add(new Security.TenantFilter()))
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Security.Policies.Admin, p => p.RequireRole(Core.People.PlatformRoles.Admin));
        builder.Services.AddScoped<Security.Tenant>();
        builder.Services.AddScoped<Demo.DemoData>();
    }
}
