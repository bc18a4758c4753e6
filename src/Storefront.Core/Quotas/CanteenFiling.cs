using Storefront.Core.Organisations;

namespace Storefront.Core.Quotas;

public enum FilingKind
{
    /// <summary>The organisation runs a canteen and declares its annual food procurement total (the base).</summary>
    Canteen = 1,
    /// <summary>无食堂: no canteen, so no quota.</summary>
    NoCanteen = 2,
    /// <summary>Eats at another organisation's canteen: its purchases count towards that organisation's quota.</summary>
    SharesCanteen = 3,
}

public enum FilingStatus { Submitted = 1, Approved = 2, Returned = 3 }

/// <summary>
/// 食堂食材采购备案: an organisation's declaration for one year, filed by its org admin (or imported by an admin) and
/// reviewed by an admin. When it is approved, the ratio and the reserved quota are fixed on it, so that the figure
/// reported for the year does not move when a rule changes later.
/// </summary>
public class CanteenFiling
{
    public int Id { get; private set; }
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public int Year { get; init; }
    public FilingKind Kind { get; set; }
    /// <summary>The annual canteen food procurement total in fen; only for <see cref="FilingKind.Canteen"/>.</summary>
    public long? BaseFen { get; set; }
    /// <summary>The host organisation whose canteen is shared; only for <see cref="FilingKind.SharesCanteen"/>.</summary>
    public int? SharedWithOrganisationId { get; set; }
    public Organisation? SharedWithOrganisation { get; private set; }
    /// <summary>A ratio the organisation commits to above its rule, in basis points; never below the rule.</summary>
    public int? PledgedRatioBasisPoints { get; set; }
    public FilingStatus Status { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>Fixed on approval: the ratio that applied (rule or pledge) and base × ratio rounded to the fen.</summary>
    public int? AppliedRatioBasisPoints { get; set; }
    public long? ReservedFen { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    public string? SubmittedByUserId { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewedByUserId { get; set; }
    /// <summary>Raised on every change, so that two admins reviewing at once cannot both decide.</summary>
    public int Version { get; set; }
}

/// <summary>A correction of the counted amount by an admin, with its reason: the source of one ledger entry.</summary>
public class QuotaCorrection
{
    public int Id { get; private set; }
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public long AmountFen { get; init; }
    /// <summary>The moment the entry is dated: now, or the last second of the past year being corrected.</summary>
    public DateTime CountsAtUtc { get; init; }
    public required string Reason { get; init; }
    public string? RecordedByUserId { get; init; }
    public DateTime RecordedAtUtc { get; init; }

    /// <summary>The ledger entry's source key, chosen before the correction is saved so both go in one transaction.</summary>
    public required string SourceKey { get; init; }
}

/// <summary>
/// What the ledger maintains beside the entries, in the same transaction: one organisation's counted amount per
/// month. The dashboards read these instead of summing millions of entries; reconciliation checks they agree.
/// </summary>
public class QuotaMonthlyTotal
{
    public int OrganisationId { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public long AmountFen { get; init; }
    public int EntryCount { get; init; }
}

/// <summary>
/// One organisation's counted amount for a whole year: its <see cref="QuotaMonthlyTotal"/> rows added up, kept by
/// the database's triggers on those rows (<see cref="QuotaYearlyTotals"/>), in the same statement that changes them.
/// The fulfilment dashboard reads one row per organisation from it instead of adding up twelve months for each.
/// </summary>
public class QuotaYearlyTotal
{
    public int OrganisationId { get; init; }
    public int Year { get; init; }
    public long AmountFen { get; init; }
    public int EntryCount { get; init; }
}

/// <summary>The money that reached each county and supplier per month, maintained like <see cref="QuotaMonthlyTotal"/>.</summary>
public class QuotaImpactTotal
{
    /// <summary>Stand-ins for "none" in the key: corrections reach no county or supplier.</summary>
    public const string NoCounty = "000000";
    public const int NoSupplier = 0;

    public int Year { get; init; }
    public int Month { get; init; }
    public required string CountyCode { get; init; }
    public int SupplierId { get; init; }
    public long AmountFen { get; init; }
    public int EntryCount { get; init; }
}

/// <summary>Which organisation got the weekly behind-pace digest for which week, so a week is never mailed twice.</summary>
public class QuotaDigestSent
{
    public long Id { get; private set; }
    public int OrganisationId { get; init; }
    /// <summary>The Monday (Shanghai) of the week.</summary>
    public DateOnly WeekOf { get; init; }
    public DateTime SentAtUtc { get; init; }
}
