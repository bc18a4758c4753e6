using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Organisations;

/// <summary>
/// /admin/organisations/{id}/paired-counties: the counties paired with an organisation (东西部协作、对口帮扶), which admins
/// record and remove, each audited; a plan of the organisation may be open to these counties only.
/// </summary>
public class PairedCountiesModel(StorefrontDbContext db, AuditLog audit, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(int Id, string CountyCode, string FullName, bool Designated, DateTime AddedAtUtc);

    public int OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<Row> Counties { get; private set; } = [];

    [BindProperty, Display(Name = "Field.CountyCode")]
    [StringLength(6, ErrorMessage = "Validation.TooLong")]
    public string? CountyCode { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, ct)) return NotFound();
        var code = CountyCode?.Trim() ?? "";
        var county = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code && d.Level == DivisionLevel.County, ct);
        if (county is null) ModelState.AddModelError(nameof(CountyCode), t["PairedCounties.CountyUnknown", code]);
        else if (await db.PairedCounties.AnyAsync(c => c.OrganisationId == id && c.CountyCode == code, ct))
            ModelState.AddModelError(nameof(CountyCode), t["PairedCounties.AlreadyPaired", county.Name]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        db.PairedCounties.Add(new PairedCounty { OrganisationId = id, CountyCode = code, AddedByUserId = actor.UserId!, AddedAtUtc = clock.GetUtcNow().UtcDateTime });
        audit.Record(actor.UserId, actor.Name, "Organisation.PairCounty", OrganisationVerification.SubjectType, id.ToString(CultureInfo.InvariantCulture), details: $"{code} {county!.Name}");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["PairedCounties.Added", county.Name].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int pairedId, CancellationToken ct)
    {
        var paired = await db.PairedCounties.Include(c => c.County).FirstOrDefaultAsync(c => c.Id == pairedId && c.OrganisationId == id, ct);
        if (paired is null) return NotFound();
        db.PairedCounties.Remove(paired);
        audit.Record(actor.UserId, actor.Name, "Organisation.UnpairCounty", OrganisationVerification.SubjectType, id.ToString(CultureInfo.InvariantCulture), details: $"{paired.CountyCode} {paired.County.Name}");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["PairedCounties.Removed", paired.County.Name].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var name = await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (name is null) return false;
        OrganisationId = id;
        OrganisationName = name;
        var rows = await db.PairedCounties.AsNoTracking().Where(c => c.OrganisationId == id).OrderBy(c => c.CountyCode)
            .Select(c => new
            {
                c.Id, c.CountyCode, c.County.ProvinceName, c.County.PrefectureName, c.County.Name, c.AddedAtUtc,
                Designated = db.DesignatedCounties.Any(d => d.CountyCode == c.CountyCode && d.RemovedAtUtc == null),
            })
            .ToListAsync(ct);
        Counties = rows.Select(c => new Row(c.Id, c.CountyCode, $"{c.ProvinceName} {c.PrefectureName} {c.Name}".Replace("  ", " "), c.Designated, c.AddedAtUtc)).ToList();
        return true;
    }
}
