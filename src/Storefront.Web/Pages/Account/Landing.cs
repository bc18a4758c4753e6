using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

/// <summary>
/// Where a person starts after signing in, when no page asked for the sign-in: where they work. An admin at /admin, a
/// supplier's member at /supplier, an organisation's admin at /organisation, an approver who does not buy at
/// /approvals, a buyer at /catalog; someone with no seat yet at the home page. The first that applies wins, so a
/// person who is both an org admin and a buyer starts at /organisation.
/// </summary>
public static class Landing
{
    public static async Task<string> ForAsync(StorefrontDbContext db, string userId, CancellationToken ct)
    {
        var isAdmin = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == PlatformRoles.Admin), ct);
        if (isAdmin) return "/admin";
        var seats = await CurrentActor.ReadSeatsAsync(db, userId, ct);
        if (seats.Suppliers.Count > 0) return "/supplier";
        // The organisation they act for by default: their first, as CurrentActor chooses it.
        var roles = seats.Organisations.FirstOrDefault()?.Roles;
        return roles switch
        {
            null => "/",
            { } r when r.HasFlag(OrganisationRoles.OrgAdmin) => "/organisation",
            { } r when r.HasFlag(OrganisationRoles.Approver) && !r.HasFlag(OrganisationRoles.Buyer) => "/approvals",
            _ => "/catalog",
        };
    }
}
