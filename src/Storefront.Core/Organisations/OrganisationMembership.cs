using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Organisations;

/// <summary>
/// An org admin changes who holds which roles and removes members. An organisation always keeps one org admin.
/// Memberships are read on every request, so a change takes effect at the member's next click.
/// </summary>
public sealed class OrganisationMembership(StorefrontDbContext db)
{
    public enum Outcome { Done, NotFound, NoRoles, LastOrgAdmin }

    public async Task<Outcome> SetRolesAsync(int organisationId, int memberId, OrganisationRoles roles, CancellationToken ct = default)
    {
        var member = await db.OrganisationMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.OrganisationId == organisationId, ct);
        if (member is null) return Outcome.NotFound;
        if (roles == OrganisationRoles.None) return Outcome.NoRoles;
        if (member.Has(OrganisationRoles.OrgAdmin) && (roles & OrganisationRoles.OrgAdmin) == 0 && await IsLastOrgAdminAsync(member, ct))
            return Outcome.LastOrgAdmin;
        member.Roles = roles;
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Removes the member, and the cart they were filling for the organisation.</summary>
    public async Task<Outcome> RemoveAsync(int organisationId, int memberId, CancellationToken ct = default)
    {
        var member = await db.OrganisationMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.OrganisationId == organisationId, ct);
        if (member is null) return Outcome.NotFound;
        if (member.Has(OrganisationRoles.OrgAdmin) && await IsLastOrgAdminAsync(member, ct)) return Outcome.LastOrgAdmin;
        db.OrganisationMembers.Remove(member);
        db.CartLines.RemoveRange(await db.CartLines.Where(l => l.UserId == member.UserId && l.OrganisationId == organisationId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private Task<bool> IsLastOrgAdminAsync(OrganisationMember member, CancellationToken ct) =>
        db.OrganisationMembers.AllAsync(m => m.OrganisationId != member.OrganisationId || m.Id == member.Id
            || (m.Roles & OrganisationRoles.OrgAdmin) != OrganisationRoles.OrgAdmin, ct);
}
