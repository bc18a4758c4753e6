namespace Storefront.Core.Mail;

/// <summary>
/// An email waiting to be sent, written in the same transaction as what it tells about (an outbox): a worker sends
/// it and marks it sent, retrying with backoff, so no message is lost to a mail server that is down for a while.
/// </summary>
public class OutgoingMail
{
    public long Id { get; private set; }
    public required string To { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? SentAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Delivers one message: an SMTP server in production, a pickup folder of .eml files in development.</summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default);
}
