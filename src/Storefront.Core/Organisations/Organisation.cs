using Storefront.Core.People;
using Storefront.Core.Regions;

namespace Storefront.Core.Organisations;

public enum OrganisationType { Agency = 1, School = 2, Hospital = 3, StateEnterprise = 4, Other = 5 }

public enum VerificationStatus { Pending = 0, Verified = 1, Rejected = 2, Suspended = 3 }

/// <summary>A buying institution (采购单位) identified by its unified social credit code.</summary>
public class Organisation
{
    public const int NameMaxLength = 100;
    public const int CompetentUnitMaxLength = 100;
    public const int ContactNameMaxLength = 50;
    public const int EmailMaxLength = 256;
    public const int ReasonMaxLength = 1000;
    public const int MaxPaymentTermDays = 365;
    public const int DefaultStandingOrderLeadDays = 3;
    /// <summary>Past a month ahead an order would reserve stock (and ask for money) long before anyone needs it.</summary>
    public const int MaxStandingOrderLeadDays = 30;

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
    /// <summary>How many days before a standing order's delivery date its order is made (see Demand.StandingOrders).</summary>
    public int StandingOrderLeadDays { get; set; } = DefaultStandingOrderLeadDays;
    public string? InvoiceContactName { get; set; }
    public string? InvoiceContactEmail { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the registration was last sent for verification: the order of the admins' queue.</summary>
    public DateTime? SubmittedAtUtc { get; private set; }
    public DateTime? VerifiedAtUtc { get; private set; }
    /// <summary>Why an admin refused the registration, shown to the organisation until it resubmits.</summary>
    public string? RejectionReason { get; private set; }
    public DateTime? SuspendedAtUtc { get; private set; }
    public string? SuspensionReason { get; private set; }

    public List<DeliveryAddress> DeliveryAddresses { get; private set; } = [];
    public List<OrganisationMember> Members { get; private set; } = [];

    /// <summary>Only a verified organisation may place orders.</summary>
    public bool MayOrder => Status == VerificationStatus.Verified;

    /// <summary>Whether an order of this total waits for an approver: at or above the threshold.</summary>
    public static bool NeedsApproval(long? thresholdFen, long orderTotalFen) => thresholdFen is { } threshold && orderTotalFen >= threshold;

    // The verification lifecycle, as for suppliers: Pending → Verified ⇄ Suspended, Pending → Rejected → (resubmit) Pending.
    // Each step answers false when the organisation is not in a state it starts from, so a stale admin page changes nothing.

    public bool Submit(DateTime nowUtc)
    {
        if (Status is not (VerificationStatus.Pending or VerificationStatus.Rejected)) return false;
        Status = VerificationStatus.Pending;
        SubmittedAtUtc = nowUtc;
        RejectionReason = null;
        return true;
    }

    public bool Approve(DateTime nowUtc)
    {
        if (Status != VerificationStatus.Pending) return false;
        Status = VerificationStatus.Verified;
        VerifiedAtUtc = nowUtc;
        RejectionReason = null;
        return true;
    }

    public bool Reject(string reason)
    {
        if (Status != VerificationStatus.Pending || string.IsNullOrWhiteSpace(reason)) return false;
        Status = VerificationStatus.Rejected;
        RejectionReason = reason.Trim();
        return true;
    }

    public bool Suspend(string reason, DateTime nowUtc)
    {
        if (Status != VerificationStatus.Verified || string.IsNullOrWhiteSpace(reason)) return false;
        Status = VerificationStatus.Suspended;
        SuspendedAtUtc = nowUtc;
        SuspensionReason = reason.Trim();
        return true;
    }

    public bool Reinstate(DateTime nowUtc)
    {
        if (Status != VerificationStatus.Suspended) return false;
        Status = VerificationStatus.Verified;
        SuspendedAtUtc = null;
        SuspensionReason = null;
        return true;
    }
}

/// <summary>A canteen or store room that orders are delivered to.</summary>
public class DeliveryAddress
{
    public const int LabelMaxLength = 50;
    public const int AddressMaxLength = 200;
    public const int RecipientMaxLength = 50;
    public const int PhoneMaxLength = 30;

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
