using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Web.Pages.Supplier.Listings;

namespace Storefront.Web.Pages.Admin.Audit;

/// <summary>
/// /admin/audit: the audit log (DESIGN.md rule 5), newest first: who did what to which record, and why. Filtered by
/// person, by kind (the area of the action: 供应商, 采购单位, 份额, …) and by a range of dates read in Shanghai time, both
/// days included; paged; exported whole (as filtered) to CSV or XLSX.
/// </summary>
public class IndexModel(StorefrontDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;
    /// <summary>An export holds at most this many entries, the newest; the page says when a filter would pass it.</summary>
    public const int MaxExportRows = 100_000;

    public sealed record Row(long Id, DateTime AtUtc, string ActorName, string Action, string SubjectType, string SubjectId, string? Reason, string? Details)
    {
        public string Kind => AuditKinds.Of(Action);
    }

    public sealed record PersonChoice(string UserId, string Name);

    /// <summary>A person's user id; "system" for what the shop did by itself.</summary>
    [BindProperty(SupportsGet = true, Name = "person")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<Row> Entries { get; private set; } = [];
    public IReadOnlyList<PersonChoice> People { get; private set; } = [];
    public IReadOnlyList<string> Kinds { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>This page's filters with another page number, or the export in a format.</summary>
    public string Link(int? page = null, string? format = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["person"] = Person, ["kind"] = Kind, ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["page"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["handler"] = format is null ? null : "Export", ["format"] = format,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (!Validate()) return Page();
        var entries = Filtered();
        Total = await entries.CountAsync(ct);
        // "page" is Razor Pages' own route value (the page's path), so the query's page number is read directly.
        var asked = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        PageNumber = Math.Clamp(asked, 1, PageCount);
        Entries = await Project(entries).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (!Validate())
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        var rows = await Project(Filtered()).Take(MaxExportRows).ToListAsync(ct);
        string[] headers = [t["Audit.Col.At"], t["Audit.Col.Person"], t["Audit.Col.Kind"], t["Audit.Col.Action"], t["Audit.Col.Record"], t["Audit.Col.RecordId"], t["Audit.Col.Reason"], t["Audit.Col.Details"]];
        return TableDownload.File(this, headers,
            rows.Select(r => (IReadOnlyList<object?>)[ShanghaiTime.Format(r.AtUtc), r.ActorName, KindName(r.Kind), r.Action, r.SubjectType, r.SubjectId, r.Reason, r.Details]),
            format, $"audit-{ShanghaiTime.DateOf(DateTime.UtcNow):yyyyMMdd}");
    }

    /// <summary>The name of a kind in the reader's language, or its code when it has none yet.</summary>
    public string KindName(string kind) => t[$"AuditKind.{kind}"] is { ResourceNotFound: false } name ? name.Value : kind;

    /// <summary>Where the record is seen, for the kinds of record that have an admin page.</summary>
    public static string? LinkOf(Row row) => row.SubjectType switch
    {
        Core.Suppliers.SupplierVerification.SubjectType => $"/admin/suppliers/{row.SubjectId}",
        Core.Organisations.OrganisationVerification.SubjectType => $"/admin/organisations/{row.SubjectId}",
        "Purchase" => $"/admin/orders/purchases/{row.SubjectId}",
        _ => null,
    };

    private bool Validate()
    {
        if (From is { } from && To is { } to && from > to)
            ModelState.AddModelError(nameof(To), t["Audit.ToBeforeFrom"]);
        return ModelState.IsValid;
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Person == AuditKinds.System) entries = entries.Where(a => a.ActorUserId == null);
        else if (!string.IsNullOrEmpty(Person)) entries = entries.Where(a => a.ActorUserId == Person);
        if (!string.IsNullOrEmpty(Kind))
        {
            var prefix = Kind + ".";
            entries = entries.Where(a => a.Action.StartsWith(prefix));
        }
        // Days in Shanghai: from the start of the first to the start of the day after the last.
        if (From is { } from) { var start = ShanghaiTime.ToUtc(from.ToDateTime(TimeOnly.MinValue)); entries = entries.Where(a => a.AtUtc >= start); }
        if (To is { } to) { var end = ShanghaiTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)); entries = entries.Where(a => a.AtUtc < end); }
        return entries;
    }

    private static IQueryable<Row> Project(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.AtUtc, a.ActorName, a.Action, a.SubjectType, a.SubjectId, a.Reason, a.Details));

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        People = (await db.AuditEntries.AsNoTracking().Where(a => a.ActorUserId != null)
                .GroupBy(a => a.ActorUserId!).Select(g => new { UserId = g.Key, Name = g.Max(a => a.ActorName)! }).ToListAsync(ct))
            .Select(p => new PersonChoice(p.UserId, p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(ct);
        Kinds = actions.Select(AuditKinds.Of).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>The kind of an audited action: the area before its first dot ("Supplier.Approve" is of kind Supplier).</summary>
public static class AuditKinds
{
    public const string System = "system";

    public static string Of(string action) => action.IndexOf('.') is var dot and > 0 ? action[..dot] : action;
}
