using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Regions;

namespace Storefront.Core.Suppliers;

public enum SupplierKind
{
    Cooperative = 1,           // 合作社
    LeadingEnterprise = 2,     // 龙头企业
    FamilyFarm = 3,            // 家庭农场
    CountyTradingCompany = 4,  // 县域商贸企业
}

/// <summary>A supplier (供应主体) registered in a designated county; verified by an admin before it may sell.</summary>
public class Supplier
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int ContactNameMaxLength = 50;
    public const int ContactPhoneMaxLength = 30;
    public const int FarmerLinkMaxLength = 2000;
    public const int BankNameMaxLength = 100;
    public const int ReasonMaxLength = 1000;
    public const int Platform832CodeMaxLength = 64;

    public int Id { get; private set; }
    public required string Name { get; set; }
    public SupplierKind Kind { get; set; }
    public required string CreditCode { get; set; }
    /// <summary>The designated county of registration.</summary>
    public required string CountyCode { get; set; }
    public AdministrativeDivision County { get; private set; } = null!;
    public string Address { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    /// <summary>How the supplier shares income with farmers (联农带农), and how many households benefit.</summary>
    public string FarmerLinkDescription { get; set; } = "";
    public int BenefitingHouseholds { get; set; }
    /// <summary>Registered households lifted out of poverty (脱贫户) the supplier buys from or employs; null when not stated.</summary>
    public int? PovertyLiftedHouseholds { get; set; }
    /// <summary>Households under monitoring against falling back into poverty (防止返贫监测户) it buys from or employs; null when not stated.</summary>
    public int? MonitoredHouseholds { get; set; }
    public VerificationStatus Status { get; set; }
    /// <summary>The supplier code issued by the 832 platform, recorded by an admin; listings sync only when it is set.</summary>
    public string? Platform832Code { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? VerifiedAtUtc { get; set; }

    /// <summary>The bank where settlements are paid (开户行).</summary>
    public string BankName { get; set; } = "";
    /// <summary>The account number, encrypted with data protection (see <see cref="BankAccounts"/>); never stored in clear.</summary>
    public string? BankAccountProtected { get; private set; }
    /// <summary>The last four digits, enough to show the account masked without decrypting it.</summary>
    public string BankAccountLast4 { get; private set; } = "";

    /// <summary>When the profile was last sent for verification: the order of the admins' queue.</summary>
    public DateTime? SubmittedAtUtc { get; private set; }
    /// <summary>Why an admin refused the profile, shown to the supplier until it resubmits.</summary>
    public string? RejectionReason { get; private set; }
    public DateTime? SuspendedAtUtc { get; private set; }
    public string? SuspensionReason { get; private set; }

    public List<SupplierMember> Members { get; private set; } = [];
    public List<SupplierDocument> Documents { get; private set; } = [];

    /// <summary>Only a verified supplier's published listings are in the catalog.</summary>
    public bool MaySell => Status == VerificationStatus.Verified;

    /// <summary>"**** 1234", or empty when no account is on file.</summary>
    public string BankAccountMasked => BankAccountLast4.Length == 0 ? "" : BankAccounts.Mask(BankAccountLast4);

    internal void SetBankAccount(string protectedNumber, string last4)
    {
        BankAccountProtected = protectedNumber;
        BankAccountLast4 = last4;
    }

    // The verification lifecycle: Pending → Verified ⇄ Suspended, Pending → Rejected → (resubmit) Pending.
    // Each step answers false when the supplier is not in a state it starts from, so a stale admin page changes nothing.

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

public class SupplierMember
{
    public int Id { get; private set; }
    public int SupplierId { get; set; }
    public Supplier Supplier { get; private set; } = null!;
    public required string UserId { get; set; }
    public StorefrontUser User { get; private set; } = null!;
    public bool IsOwner { get; set; }
    public DateTime JoinedAtUtc { get; set; }
}
