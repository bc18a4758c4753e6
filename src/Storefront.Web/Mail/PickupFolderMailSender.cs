using MimeKit;

namespace Storefront.Web.Mail;

/// <summary>Development mail: each message is written to the pickup folder as an .eml file to open in any mail program.</summary>
public sealed class PickupFolderMailSender(string folder, string from) : Core.Mail.IMailSender
{
    public string Folder { get; } = folder;

    public async Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var message = MailMessages.Create(from, to, subject, textBody);
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, ct);
    }
}

public static class MailMessages
{
    public static MimeMessage Create(string from, string to, string subject, string textBody)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };
        return message;
    }
}
