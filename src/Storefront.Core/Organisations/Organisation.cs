using Storefront.Core.People;
using Storefront.Core.Regions;

namespace Storefront.Core.Organisations;

public enum OrganisationType { Agency = 1, School = 2, Hospital = 3, StateEnterprise = 4, Other = 5 }

public enum VerificationStatus { Pending = 0, Verified = 1, Rejected = 2, Suspended = 3 }

/// <summary>A buying institution (采购单位) identified by its unified social credit code.</summary>
public class Organisation
{
    public int Id { get; private set; }
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public required string CreditCode { get; set; }
    /// <summary>The county (GB/T 2260) the organisation belongs to; its quota rule is found from it.</summary>
    public required string RegionCode { get; set; }
    public AdministrativeDivision Region { get; private set; } = null!;
    /// <summary>The competent unit (主管单位) above it, where it has one.</summary>
    public string? CompetentUnit { get; set; }
    public VerificationStatus Status { get; set; }
    /// <summary>Orders at or above this total wait for an approver; null means every order goes straight on.</summary>
    public long? ApprovalThresholdFen { get; set; }
    public int PaymentTermDays { get; set; } = 30;
    public string? InvoiceContactName { get; set; }
    public string? InvoiceContactEmail { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public List<DeliveryAddress> DeliveryAddresses { get; private set; } = [];
    public List<OrganisationMember> Members { get; private set; } = [];
}

/// <summary>A canteen or store room that orders are delivered to.</summary>
public class DeliveryAddress
{
    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public required string Label { get; set; }
    public required string Address { get; set; }
    public required string Recipient { get; set; }
    public required string Phone { get; set; }
    public bool IsDefault { get; set; }
}

[Flags]
public enum OrganisationRoles
{
    None = 0,
    Buyer = 1,
    Approver = 2,
    OrgAdmin = 4,
}

/// <summary>A person's place in an organisation; one person may hold several roles.</summary>
public class OrganisationMember
{
    public int Id { get; private set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; private set; } = null!;
    public required string UserId { get; set; }
    public StorefrontUser User { get; private set; } = null!;
    public OrganisationRoles Roles { get; set; }
    public DateTime JoinedAtUtc { get; set; }

    public bool Has(OrganisationRoles role) => (Roles & role) == role;
}
