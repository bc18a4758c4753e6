using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Mail;
using Storefront.Web.Mail;

namespace Storefront.Web.Setup;

public static class MailSetup
{
    public const string DefaultFrom = "消费帮扶采购平台 <noreply@storefront.local>";

    /// <summary>SMTP when Mail:Smtp:Host is configured; otherwise .eml files in the data folder's mail-pickup/.</summary>
    public static void AddStorefrontMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<MailQueue>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Mail:Smtp:Host"]))
        {
            builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        }
        else
        {
            builder.Services.AddSingleton<IMailSender>(sp => new PickupFolderMailSender(
                builder.Configuration["Mail:PickupPath"] ?? Path.Combine(sp.GetRequiredService<StorefrontPaths>().DataPath, "mail-pickup"),
                builder.Configuration["Mail:From"] ?? DefaultFrom));
        }
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<MailWorker>();
    }
}
