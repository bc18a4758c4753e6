using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

namespace Storefront.Web.Pages.Admin.Organisations;

/// <summary>/admin/organisations: registrations waiting for verification first, then every organisation by status.</summary>
public class IndexModel(StorefrontDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, OrganisationType Type, string CreditCode, string RegionName, VerificationStatus Status, DateTime? SubmittedAtUtc, int Members);

    [BindProperty(SupportsGet = true)] public VerificationStatus Status { get; set; } = VerificationStatus.Pending;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<Row> Organisations { get; private set; } = [];
    public IReadOnlyDictionary<VerificationStatus, int> Counts { get; private set; } = new Dictionary<VerificationStatus, int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await db.Organisations.AsNoTracking().GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = Q?.Trim();
        Organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Status == Status && (string.IsNullOrEmpty(q) || o.Name.Contains(q) || o.CreditCode == q.ToUpper()))
            .OrderBy(o => o.SubmittedAtUtc).ThenBy(o => o.Id)
            .Take(200)
            .Select(o => new Row(o.Id, o.Name, o.Type, o.CreditCode, o.Region.Name, o.Status, o.SubmittedAtUtc, o.Members.Count))
            .ToListAsync(ct);
    }
}
