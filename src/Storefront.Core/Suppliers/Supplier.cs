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
    public VerificationStatus Status { get; set; }
    /// <summary>The supplier code issued by the 832 platform, recorded by an admin; listings sync only when it is set.</summary>
    public string? Platform832Code { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? VerifiedAtUtc { get; set; }

    public List<SupplierMember> Members { get; private set; } = [];

    /// <summary>Only a verified supplier's published listings are in the catalog.</summary>
    public bool MaySell => Status == VerificationStatus.Verified;
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
