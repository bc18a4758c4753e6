using Storefront.Core.Money;
using Storefront.Core.Quotas;

namespace Storefront.Web.Tests.Quotas;

/// <summary>Rows of the quota ledger's world, as the tests that read it write them.</summary>
public static class QuotaSteps
{
    /// <summary>An approved filing of the year: a canteen's own (a tenth of its base reserved) or one sharing another's.</summary>
    public static CanteenFiling ApprovedFiling(int organisationId, int year, FilingKind kind, long reservedFen, int? sharedWith) => new()
    {
        OrganisationId = organisationId, Year = year, Kind = kind, BaseFen = kind == FilingKind.Canteen ? reservedFen * 10 : null, SharedWithOrganisationId = sharedWith,
        Status = FilingStatus.Approved, AppliedRatioBasisPoints = kind == FilingKind.Canteen ? 1000 : null, ReservedFen = reservedFen,
        SubmittedAtUtc = DateTime.UtcNow, ReviewedAtUtc = DateTime.UtcNow,
    };

    /// <summary>A confirmed payment at the given Shanghai time.</summary>
    public static QuotaEntry Payment(int organisationId, string sourceKey, long fen, DateTime shanghai) => new()
    {
        OrganisationId = organisationId, Kind = QuotaEntryKind.PaymentConfirmed, AmountFen = fen, OccurredAtUtc = ShanghaiTime.ToUtc(shanghai),
        Year = shanghai.Year, Month = shanghai.Month, SourceKey = sourceKey, RecordedAtUtc = DateTime.UtcNow,
    };
}
