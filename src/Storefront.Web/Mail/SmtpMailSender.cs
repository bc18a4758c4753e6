using MailKit.Net.Smtp;
using MailKit.Security;

namespace Storefront.Web.Mail;

/// <summary>Production mail through the SMTP server configured under Mail:Smtp.</summary>
public sealed class SmtpMailSender(IConfiguration configuration) : Core.Mail.IMailSender
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        var smtp = configuration.GetSection("Mail:Smtp");
        var message = MailMessages.Create(configuration["Mail:From"] ?? Setup.MailSetup.DefaultFrom, to, subject, textBody);
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp["Host"]!, smtp.GetValue("Port", 587),
            smtp.GetValue("UseTls", true) ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (smtp["User"] is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp["Password"] ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
