namespace Storefront.Core.Quotas;

public enum RuleLevel { National = 0, Province = 1, Prefecture = 2, County = 3 }

/// <summary>
/// A jurisdiction's reserved-share ratio for one year: the national floor, or a province, prefecture or county rule
/// for the organisations in its region. The most specific rule for an organisation's county applies.
/// </summary>
public class QuotaRule
{
    /// <summary>The region code of the national rule, so that (Year, RegionCode) is a plain unique key.</summary>
    public const string NationalCode = "000000";
    /// <summary>10% of canteen food procurement since 2021 (财库〔2021〕20号), when no national rule was entered.</summary>
    public const int DefaultNationalRatioBasisPoints = 1000;

    public int Id { get; private set; }
    public int Year { get; set; }
    public RuleLevel Level { get; set; }
    /// <summary>"000000" for the national rule, else the GB/T 2260 code of the province, prefecture or county.</summary>
    public required string RegionCode { get; set; }
    /// <summary>The ratio in basis points: 1500 is 15.00%.</summary>
    public int RatioBasisPoints { get; set; }
    /// <summary>"Not lower than last year's reserved amount" (不低于上年预留额度).</summary>
    public bool NotBelowLastYear { get; set; }
    public string? Note { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedByUserId { get; set; }
}

/// <summary>Settings of one quota year that are not per jurisdiction: the filing deadline.</summary>
public class QuotaYear
{
    public int Year { get; init; }
    /// <summary>The last Shanghai calendar day on which organisations may file or change their filing; null leaves filing open.</summary>
    public DateOnly? FilingDeadline { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
