using Microsoft.AspNetCore.Identity;

namespace Storefront.Core.People;

/// <summary>A person who signs in: a buyer, approver or org admin of an organisation, a supplier's member, or an admin.</summary>
public class StorefrontUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The platform-wide roles held through Identity; roles inside an organisation are memberships.</summary>
public static class PlatformRoles
{
    /// <summary>Poverty-relief and finance office staff: verify suppliers, set quotas, see everything.</summary>
    public const string Admin = "Admin";
}
