using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.People;
using Storefront.Core.Settings;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// /supplier/members: the people who manage the supplier. The owner invites colleagues by an email link (the
/// invitation is accepted at /invitations/{token}), withdraws open invitations and removes members.
/// </summary>
public class MembersModel(
    StorefrontDbContext db,
    Core.People.Invitations invitations,
    MailQueue mail,
    PublicAddress address,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public sealed record MemberRow(int Id, string UserId, string DisplayName, string Email, bool IsOwner, DateTime JoinedAtUtc);
    public sealed record InvitationRow(long Id, string Email, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<InvitationRow> OpenInvitations { get; private set; } = [];
    public bool IsOwner => Seat.IsOwner;

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(256, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Email")]
    public string? Email { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [SupplierPage(OwnerOnly = true)]
    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var email = Email?.Trim() ?? "";
        if (ModelState.IsValid && await db.SupplierMembers.AnyAsync(m => m.SupplierId == SupplierId && m.User.NormalizedEmail == email.ToUpperInvariant(), ct))
            ModelState.AddModelError(nameof(Email), t["Members.AlreadyMember"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var token = invitations.Create(email, actor.UserId!, supplierId: SupplierId);
        // On the configured address, never the request's Host (which the caller chooses).
        var link = address.Absolute($"/invitations/{token}");
        var body = string.Join("\n", t["Members.MailGreeting"], "", t["Members.MailText", actor.Name, Seat.SupplierName, Core.People.Invitations.Lifetime.Days], link, "", t["Members.MailIgnore"]);
        mail.Enqueue(email, t["Members.MailSubject", Seat.SupplierName], body);
        audit.Record(actor.UserId, actor.Name, "Supplier.Invite", SupplierVerification.SubjectType, SupplierId.ToString(CultureInfo.InvariantCulture), details: email);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Members.Invited", email].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    [SupplierPage(OwnerOnly = true)]
    public async Task<IActionResult> OnPostRevokeAsync([TenantId(TenantRecord.Invitation)] long id, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.SupplierId == SupplierId, ct);
        if (invitation is null) return NotFound();
        if (invitation.AcceptedAtUtc is null && invitation.RevokedAtUtc is null)
        {
            invitation.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = t["Members.Revoked", invitation.Email].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    [SupplierPage(OwnerOnly = true)]
    public async Task<IActionResult> OnPostRemoveAsync([TenantId(TenantRecord.SupplierMember)] int id, CancellationToken ct)
    {
        var member = await db.SupplierMembers.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == id && m.SupplierId == SupplierId, ct);
        if (member is null) return NotFound();
        // The owner stays: a supplier always has someone who answers for it.
        if (member.IsOwner) return BadRequest();
        db.SupplierMembers.Remove(member);
        audit.Record(actor.UserId, actor.Name, "Supplier.RemoveMember", SupplierVerification.SubjectType, SupplierId.ToString(CultureInfo.InvariantCulture), details: member.User.Email);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Members.Removed", member.User.DisplayName].Value;
        return RedirectToPage(new { supplier = SupplierRoute });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Members = await db.SupplierMembers.AsNoTracking()
            .Where(m => m.SupplierId == SupplierId)
            .OrderByDescending(m => m.IsOwner).ThenBy(m => m.JoinedAtUtc)
            .Select(m => new MemberRow(m.Id, m.UserId, m.User.DisplayName, m.User.Email ?? "", m.IsOwner, m.JoinedAtUtc))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        OpenInvitations = await db.Invitations.AsNoTracking()
            .Where(i => i.SupplierId == SupplierId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
            .OrderBy(i => i.CreatedAtUtc)
            .Select(i => new InvitationRow(i.Id, i.Email, i.CreatedAtUtc, i.ExpiresAtUtc))
            .ToListAsync(ct);
    }
}
