using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Notifications;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Notifications;

/// <summary>/notifications: what waits for the person, newest first; opening one marks it read and goes where they act.</summary>
[Authorize]
[PersonalPage]
public class IndexModel(StorefrontDbContext db, CurrentActor actor, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, NotificationKind Kind, string Subject, string Link, DateTime CreatedAtUtc, bool Read);

    public IReadOnlyList<Row> Notifications { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Notifications = await Mine().AsNoTracking()
            .OrderByDescending(n => n.Id)
            .Take(PageSize)
            .Select(n => new Row(n.Id, n.Kind, n.Subject, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(ct);

    public async Task<IActionResult> OnPostOpenAsync([TenantId(TenantRecord.Notification)] long id, CancellationToken ct)
    {
        var notification = await Mine().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return NotFound();
        notification.ReadAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(notification.Link) ? notification.Link : "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await Mine().Where(n => n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        return RedirectToPage();
    }

    private IQueryable<Notification> Mine()
    {
        var me = actor.UserId;
        return db.Notifications.Where(n => n.UserId == me);
    }
}
