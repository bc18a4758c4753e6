using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Jobs;
using Storefront.Web.Localization;

namespace Storefront.Web.Quotas;

/// <summary>
/// Once a week, a digest to the org admins of every organisation behind pace: where it stands and what it should have
/// reached. Runs hourly on one instance (a lease) and mails each organisation at most once per week (Monday to Sunday,
/// Shanghai), remembered in the database. Quotas:WeeklyDigest:Enabled = false switches it off.
/// </summary>
public sealed class QuotaDigestJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QuotaDigestJob> logger)
    : LeasedJob(scopes, clock, logger)
{
    private readonly TimeProvider _clock = clock;

    protected override string Name => "quota-digest";
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not at start-up: a restart should not be what sends the week's mail.
        try { await Task.Delay(Interval, _clock, stoppingToken); }
        catch (OperationCanceledException) { return; }
        await base.ExecuteAsync(stoppingToken);
    }

    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<StorefrontDbContext>();
        var fulfilment = services.GetRequiredService<Fulfilment>();
        var mail = services.GetRequiredService<MailQueue>();
        var t = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var today = fulfilment.Today;
        var week = WeekOf(today);
        var snapshot = await fulfilment.LoadAsync(today.Year, ct);
        var behind = snapshot.BehindPace();
        if (behind.Count == 0) return;
        var ids = behind.Select(b => b.OrganisationId).ToList();
        var alreadySent = (await db.QuotaDigestsSent.Where(d => d.WeekOf == week && ids.Contains(d.OrganisationId)).Select(d => d.OrganisationId).ToListAsync(ct)).ToHashSet();
        var admins = await db.OrganisationMembers.AsNoTracking()
            .Where(m => ids.Contains(m.OrganisationId) && (m.Roles & OrganisationRoles.OrgAdmin) == OrganisationRoles.OrgAdmin && m.User.Email != null)
            .Select(m => new { m.OrganisationId, m.User.Email })
            .ToListAsync(ct);
        var now = _clock.GetUtcNow().UtcDateTime;
        // The digest goes out in Chinese, the shop's language; the English text follows in the same message.
        foreach (var organisation in behind.Where(b => !alreadySent.Contains(b.OrganisationId)))
        {
            var to = admins.Where(a => a.OrganisationId == organisation.OrganisationId).Select(a => a.Email!).Distinct().ToList();
            if (to.Count == 0) continue;
            var (subject, body) = Compose(t, organisation, today);
            foreach (var address in to) mail.Enqueue(address, subject, body);
            db.QuotaDigestsSent.Add(new QuotaDigestSent { OrganisationId = organisation.OrganisationId, WeekOf = week, SentAtUtc = now });
        }
        await db.SaveChangesAsync(ct);
    }

    private static (string Subject, string Body) Compose(IStringLocalizer t, OrganisationStanding o, DateOnly today)
    {
        var subject = new StringBuilder();
        var body = new StringBuilder();
        foreach (var culture in new[] { Cultures.Default, "en" })
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                if (subject.Length == 0) subject.Append(t["QuotaDigest.Subject", o.Name, today.Year]);
                body.AppendLine(t["QuotaDigest.Greeting", o.Name]).AppendLine()
                    .AppendLine(t["QuotaDigest.Standing", Fen.Format(o.ReservedFen), Fen.Format(o.CountedFen), ReservedQuota.FormatPercent(o.CompletionRate)])
                    .AppendLine(t["QuotaDigest.Pace", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Fen.Format(o.PaceFen), Fen.Format(o.PaceFen - o.CountedFen)])
                    .AppendLine(t["QuotaDigest.Link"]).AppendLine().AppendLine("—").AppendLine();
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
        return (subject.ToString(), body.ToString().TrimEnd('—', '\n', '\r'));
    }
}
