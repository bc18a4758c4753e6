using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Core.People;

/// <summary>Creates invitations to a supplier or an organisation, and turns an accepted one into a membership.</summary>
public sealed class Invitations(StorefrontDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public enum Outcome { Accepted, NotFound, Expired, AlreadyUsed, Revoked, WrongAccount, AlreadyMember }

    /// <summary>Adds an invitation to the unit of work and returns the token for the link (shown once, never stored).</summary>
    public string Create(string email, string invitedByUserId, int? supplierId = null, int? organisationId = null, OrganisationRoles roles = OrganisationRoles.None)
    {
        if ((supplierId is null) == (organisationId is null))
            throw new ArgumentException("An invitation is to exactly one supplier or one organisation.");
        if (organisationId is not null && roles == OrganisationRoles.None)
            throw new ArgumentException("An invitation to an organisation gives at least one role.", nameof(roles));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        db.Invitations.Add(new Invitation
        {
            TokenHash = Hash(token),
            Email = email.Trim(),
            SupplierId = supplierId,
            OrganisationId = organisationId,
            Roles = roles,
            InvitedByUserId = invitedByUserId,
            CreatedAtUtc = now,
            ExpiresAtUtc = now + Lifetime,
        });
        return token;
    }

    public Task<Invitation?> FindAsync(string? token, CancellationToken ct = default) =>
        string.IsNullOrEmpty(token) || token.Length > 100
            ? Task.FromResult<Invitation?>(null)
            : db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == Hash(token), ct);

    /// <summary>
    /// Makes the signed-in person a member, if the invitation is open and was sent to their email address.
    /// Changes are added to the unit of work; the caller saves.
    /// </summary>
    public async Task<Outcome> AcceptAsync(string token, StorefrontUser user, CancellationToken ct = default)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is null) return Outcome.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.AcceptedAtUtc is not null) return Outcome.AlreadyUsed;
        if (invitation.RevokedAtUtc is not null) return Outcome.Revoked;
        if (now >= invitation.ExpiresAtUtc) return Outcome.Expired;
        if (!string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase)) return Outcome.WrongAccount;

        if (invitation.SupplierId is { } supplierId)
        {
            if (await db.SupplierMembers.AnyAsync(m => m.SupplierId == supplierId && m.UserId == user.Id, ct)) return Outcome.AlreadyMember;
            db.SupplierMembers.Add(new SupplierMember { SupplierId = supplierId, UserId = user.Id, IsOwner = false, JoinedAtUtc = now });
        }
        else
        {
            var organisationId = invitation.OrganisationId!.Value;
            var existing = await db.OrganisationMembers.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == user.Id, ct);
            if (existing is not null && (existing.Roles & invitation.Roles) == invitation.Roles) return Outcome.AlreadyMember;
            if (existing is not null) existing.Roles |= invitation.Roles;
            else db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisationId, UserId = user.Id, Roles = invitation.Roles, JoinedAtUtc = now });
        }
        invitation.AcceptedAtUtc = now;
        invitation.AcceptedByUserId = user.Id;
        return Outcome.Accepted;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
