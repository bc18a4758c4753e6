using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Organisations;
using Storefront.Core.People;

namespace Storefront.Core.Notifications;

public sealed record Recipient(string UserId, string? Email);

public sealed record NotificationMail(string Subject, string Body);

/// <summary>Words the mail of a notification; the web application implements it with the interface's resources.</summary>
public interface INotificationTexts
{
    NotificationMail Compose(NotificationKind kind, string subject, string link);
}

/// <summary>
/// Tells people that something waits for them: an in-app notification and an email each, added to the caller's unit
/// of work so that they are saved with the change they tell about, or not at all.
/// </summary>
public sealed class Notifier(StorefrontDbContext db, MailQueue mail, INotificationTexts texts, TimeProvider clock)
{
    public void Notify(IEnumerable<Recipient> recipients, NotificationKind kind, string subject, string link)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        subject = subject.Length > Notification.SubjectMaxLength ? subject[..Notification.SubjectMaxLength] : subject;
        NotificationMail? message = null;
        foreach (var recipient in recipients.DistinctBy(r => r.UserId))
        {
            db.Notifications.Add(new Notification { UserId = recipient.UserId, Kind = kind, Subject = subject, Link = link, CreatedAtUtc = now });
            if (string.IsNullOrWhiteSpace(recipient.Email)) continue;
            message ??= texts.Compose(kind, subject, link);
            mail.Enqueue(recipient.Email, message.Subject, message.Body);
        }
    }

    /// <summary>Members of an organisation holding the role, leaving out one person (who need not tell themselves).</summary>
    public async Task<IReadOnlyList<Recipient>> OrganisationMembersAsync(int organisationId, OrganisationRoles role, string? except = null, CancellationToken ct = default) =>
        await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && (m.Roles & role) == role && m.UserId != except)
            .Select(m => new Recipient(m.UserId, m.User.Email))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Recipient>> SupplierMembersAsync(int supplierId, CancellationToken ct = default) =>
        (await SupplierMembersAsync([supplierId], ct))[supplierId].ToList();

    /// <summary>The members of several suppliers in one query, by supplier.</summary>
    public async Task<ILookup<int, Recipient>> SupplierMembersAsync(IEnumerable<int> supplierIds, CancellationToken ct = default)
    {
        var ids = supplierIds.Distinct().ToList();
        var members = await db.SupplierMembers.AsNoTracking()
            .Where(m => ids.Contains(m.SupplierId))
            .Select(m => new { m.SupplierId, Recipient = new Recipient(m.UserId, m.User.Email) })
            .ToListAsync(ct);
        return members.ToLookup(m => m.SupplierId, m => m.Recipient);
    }

    public async Task<IReadOnlyList<Recipient>> PersonAsync(string userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new Recipient(u.Id, u.Email)).ToListAsync(ct);

    public async Task<IReadOnlyList<Recipient>> AdminsAsync(CancellationToken ct = default) =>
        await (from userRole in db.UserRoles
               join role in db.Roles on userRole.RoleId equals role.Id
               join user in db.Users on userRole.UserId equals user.Id
               where role.Name == PlatformRoles.Admin
               select new Recipient(user.Id, user.Email)).AsNoTracking().ToListAsync(ct);
}
