using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storefront.Core.Data;
using Storefront.Web.Payments;
using Storefront.Web.Performance;
using Storefront.Web.Photos;
using Storefront.Web.Security;

namespace Storefront.Web.Setup;

public static class PipelineSetup
{
    public static void UseStorefrontPipeline(this WebApplication app)
    {
        if (app.Configuration.GetValue("Diagnostics:ServerTiming", false)) app.UseServerTiming();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        // Style sheets, scripts and icons only (PerformanceSetup): pages carry tokens, which compression would expose.
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = ctx =>
            {
                // Files linked with asp-append-version carry their hash in ?v= and may be cached for a year.
                var versioned = ctx.Context.Request.Query.ContainsKey("v");
                ctx.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
        app.UseRouting();
        app.UseUploadLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication: the catalog's cache serves anonymous visitors only (CatalogOutputCache).
        app.UseOutputCache();
        // Signed-in people's catalog pages, made once and shared with their own parts filled in (SharedPages).
        app.UseSharedPages();

        app.MapRazorPages();
        app.MapPhotoEndpoints();
        app.MapStripeWebhook();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).DisableHttpMetrics();
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var db = context.RequestServices.GetRequiredService<StorefrontDbContext>();
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            database = new
            {
                status = report.Entries.TryGetValue("database", out var entry) ? entry.Status.ToString() : "Unknown",
                provider = db.Database.ProviderName switch
                {
                    "Npgsql.EntityFrameworkCore.PostgreSQL" => "PostgreSql",
                    "Microsoft.EntityFrameworkCore.Sqlite" => "Sqlite",
                    var other => other,
                },
                error = entry.Exception?.GetType().Name,
            },
        }));
    }
}
