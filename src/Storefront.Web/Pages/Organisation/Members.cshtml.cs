using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Settings;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>
/// /organisation/members: the org admin invites people by email link with their roles (buyer, approver, org admin),
/// changes roles and removes members; a removed member loses access at their next click, since memberships are read
/// on every request.
/// </summary>
[Authorize]
public class MembersModel(
    StorefrontDbContext db,
    Core.People.Invitations invitations,
    OrganisationMembership membership,
    MailQueue mail,
    PublicAddress address,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : OrgAdminPageModel(actor)
{
    public sealed record MemberRow(int Id, string Name, string Email, OrganisationRoles Roles, DateTime JoinedAtUtc, bool IsMe);
    public sealed record InvitationRow(long Id, string Email, OrganisationRoles Roles, DateTime ExpiresAtUtc);

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<InvitationRow> OpenInvitations { get; private set; } = [];

    [BindProperty, Display(Name = "Field.Email")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    public string? Email { get; set; }

    /// <summary>The roles ticked, for an invitation or a member.</summary>
    // Named explicitly: unnamed, a form without these fields would have all its other fields bound as keys.
    [BindProperty(Name = "Roles")] public OrganisationRoles[] Roles { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        var roles = Combined;
        // A value that is not a role counts as no role, which has its own message.
        ModelState.Remove(nameof(Roles));
        if (email.Length == 0) ModelState.AddModelError(nameof(Email), t["Validation.Required", t["Field.Email"]]);
        if (roles == OrganisationRoles.None) ModelState.AddModelError(nameof(Roles), t["OrgMembers.NoRoles"]);
        if (ModelState.IsValid && await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == Seat.OrganisationId && m.User.NormalizedEmail == email.ToUpperInvariant(), ct))
            ModelState.AddModelError(nameof(Email), t["OrgMembers.AlreadyMember"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var token = invitations.Create(email, Actor.UserId!, organisationId: Seat.OrganisationId, roles: roles);
        // On the configured address, never the request's Host (which the caller chooses).
        var link = address.Absolute($"/invitations/{token}");
        mail.Enqueue(email, t["OrgMembers.MailSubject", Seat.OrganisationName],
            t["OrgMembers.MailBody", Actor.Name, Seat.OrganisationName, RoleText.Of(t, roles)] + "\n\n" + t["OrgMembers.MailLink", Core.People.Invitations.Lifetime.Days, link]);
        audit.Record(Actor.UserId, Actor.Name, "Organisation.Invite", OrganisationVerification.SubjectType, Subject, details: $"{email} {roles}");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["OrgMembers.Invited", email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync([TenantId(TenantRecord.Invitation)] long id, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.OrganisationId == Seat.OrganisationId, ct);
        if (invitation is null) return NotFound();
        if (invitation.IsOpen(clock.GetUtcNow().UtcDateTime))
        {
            invitation.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Record(Actor.UserId, Actor.Name, "Organisation.RevokeInvitation", OrganisationVerification.SubjectType, Subject, details: invitation.Email);
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = t["OrgMembers.Revoked", invitation.Email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRolesAsync([TenantId(TenantRecord.OrganisationMember)] int id, CancellationToken ct)
    {
        var outcome = await membership.SetRolesAsync(Seat.OrganisationId, id, Combined, ct);
        return await AfterAsync(outcome, "Organisation.SetRoles", id, t["OrgMembers.RolesSaved"], ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync([TenantId(TenantRecord.OrganisationMember)] int id, CancellationToken ct)
    {
        var outcome = await membership.RemoveAsync(Seat.OrganisationId, id, ct);
        return await AfterAsync(outcome, "Organisation.RemoveMember", id, t["OrgMembers.Removed"], ct);
    }

    private async Task<IActionResult> AfterAsync(OrganisationMembership.Outcome outcome, string action, int memberId, string done, CancellationToken ct)
    {
        if (outcome == OrganisationMembership.Outcome.NotFound) return NotFound();
        if (outcome == OrganisationMembership.Outcome.Done)
        {
            // The change is saved already; its record follows at once.
            audit.Record(Actor.UserId, Actor.Name, action, OrganisationVerification.SubjectType, Subject,
                details: $"member {memberId.ToString(CultureInfo.InvariantCulture)} {Combined}");
            await db.SaveChangesAsync(ct);
            TempData["Status"] = done;
            return RedirectToPage();
        }
        ModelState.AddModelError(string.Empty, t[$"OrgMembers.{outcome}"]);
        await LoadAsync(ct);
        return Page();
    }

    private OrganisationRoles Combined => Roles.Aggregate(OrganisationRoles.None, (all, r) => all | r) & (OrganisationRoles.Buyer | OrganisationRoles.Approver | OrganisationRoles.OrgAdmin);

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = Actor.UserId;
        Members = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == Seat.OrganisationId)
            .OrderBy(m => m.Id)
            .Select(m => new MemberRow(m.Id, m.User.DisplayName, m.User.Email ?? "", m.Roles, m.JoinedAtUtc, m.UserId == me))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        OpenInvitations = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganisationId == Seat.OrganisationId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderByDescending(i => i.Id)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Roles, i.ExpiresAtUtc))
            .ToListAsync(ct);
    }

    public static readonly OrganisationRoles[] AllRoles = [OrganisationRoles.Buyer, OrganisationRoles.Approver, OrganisationRoles.OrgAdmin];
}
