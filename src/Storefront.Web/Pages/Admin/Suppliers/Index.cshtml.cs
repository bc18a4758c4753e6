using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Web.Pages.Admin.Suppliers;

/// <summary>/admin/suppliers: the verification queue (pending suppliers, oldest submission first) and the other states.</summary>
public class IndexModel(StorefrontDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, SupplierKind Kind, string CreditCode, string CountyName, DateTime? SubmittedAtUtc, DateTime CreatedAtUtc, int Documents, string? Platform832Code);

    [BindProperty(SupportsGet = true)] public VerificationStatus Status { get; set; } = VerificationStatus.Pending;
    public IReadOnlyDictionary<VerificationStatus, int> Counts { get; private set; } = new Dictionary<VerificationStatus, int>();
    public IReadOnlyList<Row> Suppliers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Status)) Status = VerificationStatus.Pending;
        Counts = await db.Suppliers.AsNoTracking().GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.Suppliers.AsNoTracking().Where(s => s.Status == Status);
        query = Status == VerificationStatus.Pending
            ? query.OrderBy(s => s.SubmittedAtUtc).ThenBy(s => s.Id)
            : query.OrderBy(s => s.Name);
        Suppliers = await query
            .Select(s => new Row(s.Id, s.Name, s.Kind, s.CreditCode, s.County.Name, s.SubmittedAtUtc, s.CreatedAtUtc, s.Documents.Count, s.Platform832Code))
            .ToListAsync(ct);
    }
}
