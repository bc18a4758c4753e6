using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Invitations;

/// <summary>
/// /invitations/{token}: the link in an invitation email. A person signs in (or registers) with the invited address
/// and accepts; they then belong to the supplier or organisation with the roles given.
/// </summary>
[AllowAnonymous]
[PublicPage]
public class AcceptModel(
    StorefrontDbContext db,
    Core.People.Invitations invitations,
    UserManager<StorefrontUser> users,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public string Token { get; private set; } = "";
    public string? Problem { get; private set; }
    public string TargetName { get; private set; } = "";
    public bool ToSupplier { get; private set; }
    public OrganisationRoles Roles { get; private set; }
    public string InvitedEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        var invitation = await invitations.FindAsync(token, ct);
        if (invitation is null) return NotFound();
        await DescribeAsync(invitation, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.AcceptedAtUtc is not null) Problem = t["Invitation.AlreadyUsed"];
        else if (invitation.RevokedAtUtc is not null) Problem = t["Invitation.Revoked"];
        else if (now >= invitation.ExpiresAtUtc) Problem = t["Invitation.Expired"];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var outcome = await invitations.AcceptAsync(token, user, ct);
        if (outcome == Core.People.Invitations.Outcome.NotFound) return NotFound();
        if (outcome is Core.People.Invitations.Outcome.Accepted)
        {
            await db.SaveChangesAsync(ct);
            // Memberships are read per request, so the new one applies at once.
            await users.UpdateSecurityStampAsync(user);
            TempData["Status"] = t["Invitation.Accepted"].Value;
            return LocalRedirect("/");
        }
        Token = token;
        var invitation = (await invitations.FindAsync(token, ct))!;
        await DescribeAsync(invitation, ct);
        Problem = t[$"Invitation.{outcome}"];
        return Page();
    }

    private async Task DescribeAsync(Invitation invitation, CancellationToken ct)
    {
        InvitedEmail = invitation.Email;
        Roles = invitation.Roles;
        ToSupplier = invitation.SupplierId is not null;
        TargetName = ToSupplier
            ? await db.Suppliers.Where(s => s.Id == invitation.SupplierId).Select(s => s.Name).SingleAsync(ct)
            : await db.Organisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).SingleAsync(ct);
    }
}
