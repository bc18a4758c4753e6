using Storefront.Core.Quotas;
using Storefront.Web.Quotas;

namespace Storefront.Web.Setup;

public static class QuotasSetup
{
    /// <summary>Rules, filings, the fulfilment views, reconciliation with its sources, and the weekly digest.</summary>
    public static void AddStorefrontQuotas(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<QuotaRules>();
        builder.Services.AddScoped<CanteenFilings>();
        builder.Services.AddScoped<QuotaCorrections>();
        builder.Services.AddScoped<Fulfilment>();
        builder.Services.AddScoped<QuotaPanel>();
        builder.Services.AddScoped<FilingImport>();
        builder.Services.AddScoped<QuotaReconciliation>();
        // One source per kind of entry; payments, refunds and 832 orders add theirs when those features land.
        builder.Services.AddScoped<IQuotaEntrySource, CorrectionEntrySource>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true) && builder.Configuration.GetValue("Quotas:WeeklyDigest:Enabled", true))
            builder.Services.AddHostedService<QuotaDigestJob>();
    }

    /// <summary>Runs a quota command (reconcile-quotas) instead of the web host when the arguments name one; true when it did.</summary>
    public static Task<bool> RunQuotaCommandAsync(this WebApplication app, string[] args) => QuotaCommands.RunAsync(app, args);
}
