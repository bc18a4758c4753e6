using Storefront.Core.Organisations;

namespace Storefront.Core.People;

/// <summary>
/// An invitation by email link to join a supplier or an organisation. Only a hash of the link's token is stored, so
/// the database alone cannot be used to accept an invitation.
/// </summary>
public class Invitation
{
    public long Id { get; private set; }
    public required string TokenHash { get; init; }
    public required string Email { get; init; }
    public int? SupplierId { get; init; }
    public int? OrganisationId { get; init; }
    /// <summary>The roles given in the organisation; unused for a supplier.</summary>
    public OrganisationRoles Roles { get; init; }
    public required string InvitedByUserId { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime ExpiresAtUtc { get; init; }
    public DateTime? AcceptedAtUtc { get; set; }
    public string? AcceptedByUserId { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    public bool IsOpen(DateTime nowUtc) => AcceptedAtUtc is null && RevokedAtUtc is null && nowUtc < ExpiresAtUtc;
}
