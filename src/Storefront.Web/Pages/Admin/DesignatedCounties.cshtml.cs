using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Regions;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin;

/// <summary>
/// The list of designated counties: only their produce may be listed. The demo ships Hunan's; a deployment imports
/// the official list of 832 counties here (CSV, first column the six-digit code), and admins add or remove single ones.
/// Removing one ends its period on the list (the row stays, for what was counted while it was designated).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes)]
public class DesignatedCountiesModel(
    StorefrontDbContext db,
    DesignatedCounties counties,
    AuditLog audit,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock) : PageModel
{
    private const int MaxImportBytes = 1024 * 1024;

    public sealed record CountyRow(string Code, string Name, string? PrefectureName, string Source, DateTime AddedAtUtc);
    public sealed record ProvinceRow(string Code, string Name, int Count);

    public IReadOnlyList<ProvinceRow> Provinces { get; private set; } = [];
    public IReadOnlyList<CountyRow> Counties { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    public IReadOnlyList<DesignatedCounties.ImportRow> Refused { get; private set; } = [];

    [BindProperty, Display(Name = "Field.CountyCode")]
    public string? CountyCode { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) ModelState.AddModelError("file", t["Counties.ImportNoFile"]);
        else if (file.Length > MaxImportBytes) ModelState.AddModelError("file", t["Counties.ImportTooLarge"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }

        using var reader = new StreamReader(file!.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var result = await counties.ImportAsync(reader, $"import: {Path.GetFileName(file.FileName)}", ct);
        if (result.Refused.Count > 0)
        {
            Refused = result.Refused;
            ModelState.AddModelError("file", t["Counties.ImportRefused", result.Refused.Count]);
            await LoadAsync(ct);
            return Page();
        }
        audit.Record(actor.UserId, actor.Name, "DesignatedCounty.Import", "DesignatedCounties", file.FileName,
            details: $"added {result.Added}, already listed {result.AlreadyListed}");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Counties.Imported", result.Added, result.AlreadyListed].Value;
        return RedirectToPage(new { Province });
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var code = CountyCode?.Trim();
        var verdict = await counties.CheckAsync(code, ct);
        if (verdict == DesignatedCounties.Verdict.Designated)
            ModelState.AddModelError(nameof(CountyCode), t["Counties.AlreadyListed"]);
        else if (verdict != DesignatedCounties.Verdict.NotDesignated)
            ModelState.AddModelError(nameof(CountyCode), t[$"Counties.Verdict.{verdict}"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }

        using var reader = new StringReader(code!);
        await counties.ImportAsync(reader, "admin", ct);
        audit.Record(actor.UserId, actor.Name, "DesignatedCounty.Add", "DesignatedCounty", code!);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Counties.Added", code!].Value;
        return RedirectToPage(new { Province = AdministrativeDivision.ProvinceCodeOf(code!) });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, CancellationToken ct)
    {
        var county = await db.DesignatedCounties.Current().FirstOrDefaultAsync(c => c.CountyCode == code, ct);
        if (county is null) return NotFound();
        // Its period ends rather than the row going: what counted while it was designated still did.
        county.Remove(clock.GetUtcNow().UtcDateTime);
        audit.Record(actor.UserId, actor.Name, "DesignatedCounty.Remove", "DesignatedCounty", code);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Counties.Removed", code].Value;
        return RedirectToPage(new { Province });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var provinces = await db.DesignatedCounties.AsNoTracking().Current()
            .GroupBy(c => new { c.County.ProvinceCode, c.County.ProvinceName })
            .Select(g => new ProvinceRow(g.Key.ProvinceCode, g.Key.ProvinceName, g.Count()))
            .ToListAsync(ct);
        Provinces = provinces.OrderBy(p => p.Code).ToList();
        if (Province is null || Provinces.All(p => p.Code != Province)) Province = Provinces.MaxBy(p => p.Count)?.Code;
        Counties = await db.DesignatedCounties.AsNoTracking().Current()
            .Where(c => c.County.ProvinceCode == Province)
            .OrderBy(c => c.CountyCode)
            .Select(c => new CountyRow(c.CountyCode, c.County.Name, c.County.PrefectureName, c.Source, c.AddedAtUtc))
            .ToListAsync(ct);
    }
}
