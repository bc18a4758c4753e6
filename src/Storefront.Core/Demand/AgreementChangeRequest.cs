namespace Storefront.Core.Demand;

/// <summary>The two parties of a supply agreement.</summary>
public enum AgreementSide { Organisation = 0, Supplier = 1 }

public enum ChangeRequestStatus { Pending = 0, Accepted = 1, Refused = 2, Withdrawn = 3 }

/// <summary>
/// One side's request to change an agreement's terms, made on the version it read: the other side accepts it (the
/// agreement takes the terms as its next version) or refuses it with a reason, and the asker may withdraw it while it
/// is pending. At most one is pending per agreement (a filtered unique index), so two proposals never race. Kept
/// whatever its outcome; <see cref="Status"/> is its concurrency token, so only one decision is ever taken.
/// </summary>
public class AgreementChangeRequest
{
    public long Id { get; private set; }
    public long AgreementId { get; init; }
    public SupplyAgreement Agreement { get; private set; } = null!;
    public AgreementSide RequestedBy { get; init; }
    public required string RequestedByUserId { get; init; }
    public DateTime RequestedAtUtc { get; init; }
    /// <summary>The agreement's version the request was made on: accepted only while the agreement is still at it.</summary>
    public int BasedOnVersion { get; init; }
    public required string Reason { get; init; }

    // The proposed terms (see AgreementTerms).
    public int? ListingId { get; private set; }
    public long UnitPriceFen { get; private set; }
    public int QuantityPerDelivery { get; private set; }
    public DeliveryFrequency Frequency { get; private set; }
    public int WeekdayMask { get; private set; }
    public int IntervalDays { get; private set; }
    public int DayOfMonth { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public int ChangeNoticeDays { get; private set; }
    public string PriceReview { get; private set; } = "";

    public ChangeRequestStatus Status { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? RefusalReason { get; private set; }

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    public AgreementTerms Terms => new(UnitPriceFen, QuantityPerDelivery, Schedule, StartDate, EndDate, ChangeNoticeDays, PriceReview, ListingId);

    /// <summary>The side that decides: the other one.</summary>
    public AgreementSide DecidedBy => RequestedBy == AgreementSide.Organisation ? AgreementSide.Supplier : AgreementSide.Organisation;

    public static AgreementChangeRequest Propose(SupplyAgreement agreement, AgreementSide side, AgreementTerms terms, string reason, string userId, DateTime nowUtc)
    {
        var request = new AgreementChangeRequest
        {
            AgreementId = agreement.Id, RequestedBy = side, RequestedByUserId = userId, RequestedAtUtc = nowUtc,
            BasedOnVersion = agreement.Version, Reason = reason,
        };
        request.ListingId = terms.ListingId;
        request.UnitPriceFen = terms.UnitPriceFen;
        request.QuantityPerDelivery = terms.QuantityPerDelivery;
        request.Frequency = terms.Schedule.Frequency;
        request.WeekdayMask = terms.Schedule.Frequency == DeliveryFrequency.Weekly ? terms.Schedule.WeekdayMask : 0;
        request.IntervalDays = terms.Schedule.Frequency == DeliveryFrequency.EveryNDays ? terms.Schedule.IntervalDays : 0;
        request.DayOfMonth = terms.Schedule.Frequency == DeliveryFrequency.Monthly ? terms.Schedule.DayOfMonth : 0;
        request.StartDate = terms.StartDate;
        request.EndDate = terms.EndDate;
        request.ChangeNoticeDays = terms.ChangeNoticeDays;
        request.PriceReview = terms.PriceReview;
        return request;
    }

    public bool IsPending => Status == ChangeRequestStatus.Pending;

    public void Decide(ChangeRequestStatus status, string userId, DateTime nowUtc, string? refusalReason = null)
    {
        if (Status != ChangeRequestStatus.Pending) throw new InvalidOperationException($"Change request {Id} is {Status} already.");
        Status = status;
        DecidedByUserId = userId;
        DecidedAtUtc = nowUtc;
        RefusalReason = refusalReason;
    }
}
