using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Web.Jobs;

namespace Storefront.Web.Mail;

/// <summary>Sends queued mail, oldest first, retrying failures with growing pauses; gives up after ten attempts.</summary>
public sealed class MailWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MailWorker> logger)
    : LeasedJob(scopes, clock, logger)
{
    public const int MaxAttempts = 10;
    private readonly TimeProvider _clock = clock;

    protected override string Name => "mail";
    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StorefrontDbContext>();
        var sender = services.GetRequiredService<IMailSender>();
        var now = _clock.GetUtcNow().UtcDateTime;
        var due = await db.OutgoingMails
            .Where(m => m.SentAtUtc == null && m.Attempts < MaxAttempts && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.Id)
            .Take(50)
            .ToListAsync(ct);
        foreach (var mail in due)
        {
            try
            {
                await sender.SendAsync(mail.To, mail.Subject, mail.TextBody, ct);
                mail.SentAtUtc = _clock.GetUtcNow().UtcDateTime;
                mail.LastError = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                mail.Attempts++;
                mail.LastError = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                mail.NextAttemptAtUtc = now + TimeSpan.FromSeconds(30 * Math.Pow(2, mail.Attempts - 1));
                logger.LogWarning(e, "Mail {Id} to {To} failed (attempt {Attempts})", mail.Id, mail.To, mail.Attempts);
            }
            // Saved message by message, so a crash part-way never sends a message twice.
            await db.SaveChangesAsync(ct);
        }
    }
}
