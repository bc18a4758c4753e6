using Storefront.Core.Data;

namespace Storefront.Core.Mail;

/// <summary>Queues mail in the caller's unit of work; the mail worker sends what was saved.</summary>
public sealed class MailQueue(StorefrontDbContext db, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string textBody)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutgoingMails.Add(new OutgoingMail { To = to, Subject = subject, TextBody = textBody, CreatedAtUtc = now, NextAttemptAtUtc = now });
    }
}
