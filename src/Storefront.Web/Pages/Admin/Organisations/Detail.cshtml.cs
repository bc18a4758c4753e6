using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Web.Security;
using static Storefront.Core.Organisations.OrganisationVerification;

namespace Storefront.Web.Pages.Admin.Organisations;

/// <summary>/admin/organisations/{id}: an organisation's registration and people; approve, reject, suspend or reinstate it, audited.</summary>
public class DetailModel(StorefrontDbContext db, OrganisationVerification verification, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record MemberRow(string Name, string Email, OrganisationRoles Roles);
    public sealed record AuditRow(DateTime AtUtc, string ActorName, string Action, string? Reason);

    public sealed record View(int Id, string Name, OrganisationType Type, string CreditCode, string RegionCode, string RegionFullName, string? CompetentUnit,
        VerificationStatus Status, string? RejectionReason, string? SuspensionReason, DateTime CreatedAtUtc, DateTime? SubmittedAtUtc, DateTime? VerifiedAtUtc,
        long? ThresholdFen, IReadOnlyList<string> Addresses, IReadOnlyList<MemberRow> Members);

    public View Organisation { get; private set; } = null!;
    public IReadOnlyList<AuditRow> History { get; private set; } = [];
    public int PairedCountyCount { get; private set; }

    [BindProperty, Display(Name = "Field.DecisionReason")]
    [StringLength(Core.Organisations.Organisation.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(int id, Decision? chosen, CancellationToken ct)
    {
        if (chosen is not { } decision) return BadRequest();
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound();
        if (NeedsReason(decision) && string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), t["AdminOrganisations.ReasonRequired"]);
        if (ModelState.IsValid)
        {
            if (await verification.DecideAsync(organisation, decision, Reason, actor.UserId, actor.Name, ct))
            {
                await db.SaveChangesAsync(ct);
                TempData["Status"] = t[$"AdminOrganisations.Done.{decision}", organisation.Name].Value;
                return RedirectToPage(new { id });
            }
            ModelState.AddModelError(string.Empty, t["AdminOrganisations.NotNow"]);
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var found = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new View(o.Id, o.Name, o.Type, o.CreditCode, o.RegionCode,
                o.Region.ProvinceName + " " + (o.Region.PrefectureName ?? "") + " " + o.Region.Name, o.CompetentUnit,
                o.Status, o.RejectionReason, o.SuspensionReason, o.CreatedAtUtc, o.SubmittedAtUtc, o.VerifiedAtUtc, o.ApprovalThresholdFen,
                o.DeliveryAddresses.OrderBy(a => a.Id).Select(a => a.Label + " · " + a.Address + " · " + a.Recipient + " " + a.Phone).ToList(),
                o.Members.OrderBy(m => m.Id).Select(m => new MemberRow(m.User.DisplayName, m.User.Email ?? "", m.Roles)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (found is null) return false;
        Organisation = found;
        PairedCountyCount = await db.PairedCounties.CountAsync(c => c.OrganisationId == id, ct);
        var subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        History = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == SubjectType && a.SubjectId == subject)
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditRow(a.AtUtc, a.ActorName, a.Action, a.Reason))
            .ToListAsync(ct);
        return true;
    }
}
