using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Money;

namespace Storefront.Core.Demand;

public enum AgreementStatus { Active = 0, Ended = 1 }

/// <summary>
/// The terms of a supply agreement that a change request may alter: price, quantity, schedule, period and the terms
/// of change. Kept as one value so that the agreement, each of its versions and each change request carry the same.
/// </summary>
public sealed record AgreementTerms(
    long UnitPriceFen, int QuantityPerDelivery, DeliverySchedule Schedule, DateOnly StartDate, DateOnly EndDate,
    int ChangeNoticeDays, string PriceReview, int? ListingId);

/// <summary>
/// A supply agreement (协议): the part of a plan awarded to one supplier's quote, at the agreed price per unit for the
/// term, a quantity per delivery and the plan's schedule. Standing orders are made from it delivery by delivery;
/// it never counts to a quota by itself. Every change of terms raises <see cref="Version"/> (its concurrency token)
/// and is kept as an <see cref="AgreementVersion"/>, the first included, so what was agreed when is never lost.
/// </summary>
public class SupplyAgreement
{
    public const int PriceReviewMaxLength = 200;
    public const int ReasonMaxLength = 500;
    /// <summary>Notice longer than two months would leave the buyer no delivery it could still change.</summary>
    public const int MaxChangeNoticeDays = 60;

    public long Id { get; private set; }
    public long PlanId { get; init; }
    public ProcurementPlan Plan { get; private set; } = null!;
    /// <summary>The quote awarded; one agreement per quote.</summary>
    public long QuoteId { get; init; }
    public PlanQuote Quote { get; private set; } = null!;
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public int SupplierId { get; init; }
    public Suppliers.Supplier Supplier { get; private set; } = null!;
    public int CategoryId { get; init; }
    public required string Description { get; init; }
    public string Spec { get; init; } = "";
    public required string Unit { get; init; }
    public required string DeliveryAddress { get; init; }
    public TimeOnly LatestDeliveryTime { get; init; }

    // The terms (see AgreementTerms).
    /// <summary>The supplier's listing the standing orders are made on (its stock, its unit); null until one is named.</summary>
    public int? ListingId { get; private set; }
    public Listing? Listing { get; private set; }
    public long UnitPriceFen { get; private set; }
    public int QuantityPerDelivery { get; private set; }
    public DeliveryFrequency Frequency { get; private set; }
    public int WeekdayMask { get; private set; }
    public int IntervalDays { get; private set; }
    public int DayOfMonth { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    /// <summary>How many days before a delivery the buyer may still change its quantity or skip it.</summary>
    public int ChangeNoticeDays { get; private set; }
    /// <summary>The terms of price review, in the parties' words (e.g. 每季度按市场价复核).</summary>
    public string PriceReview { get; private set; } = "";

    public AgreementStatus Status { get; private set; }
    public required string AwardedByUserId { get; init; }
    public DateTime SignedAtUtc { get; init; }
    public DateTime? EndedAtUtc { get; private set; }
    public string? EndedByUserId { get; private set; }
    public string? EndReason { get; private set; }
    public int Version { get; private set; } = 1;

    public List<AgreementVersion> Versions { get; private set; } = [];
    public List<StandingDelivery> Deliveries { get; private set; } = [];

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    public AgreementTerms Terms => new(UnitPriceFen, QuantityPerDelivery, Schedule, StartDate, EndDate, ChangeNoticeDays, PriceReview, ListingId);

    public bool IsActive => Status == AgreementStatus.Active;

    /// <summary>
    /// The agreement an award makes: the plan's item, address and schedule, the quote's listing, the awarded quantity
    /// per delivery at the quote's price for it (<see cref="PlanQuote.PriceFor"/>: its tier's, where it has tiers), from
    /// the quote's first delivery (or the plan's start) to the plan's end. Version 1 is kept.
    /// </summary>
    public static SupplyAgreement FromAward(ProcurementPlan plan, PlanQuote quote, int awardedQuantity, int changeNoticeDays,
        string priceReview, string userId, DateTime nowUtc) =>
        FromAward(plan, quote, quote.PriceFor(awardedQuantity) ?? throw new ArgumentOutOfRangeException(nameof(awardedQuantity),
            "Below the quote's lowest price tier: no price was offered for it."), awardedQuantity, changeNoticeDays, priceReview, userId, nowUtc);

    /// <summary>The same, at a price per unit the caller read from the quote's tiers.</summary>
    public static SupplyAgreement FromAward(ProcurementPlan plan, PlanQuote quote, long unitPriceFen, int awardedQuantity, int changeNoticeDays,
        string priceReview, string userId, DateTime nowUtc)
    {
        var agreement = new SupplyAgreement
        {
            PlanId = plan.Id, QuoteId = quote.Id, OrganisationId = plan.OrganisationId, SupplierId = quote.SupplierId,
            CategoryId = plan.CategoryId, Description = plan.Description, Spec = plan.Spec, Unit = plan.Unit,
            DeliveryAddress = plan.DeliveryAddress, LatestDeliveryTime = plan.LatestDeliveryTime,
            AwardedByUserId = userId, SignedAtUtc = nowUtc,
        };
        var start = quote.FirstDeliveryOn > plan.StartDate ? quote.FirstDeliveryOn : plan.StartDate;
        agreement.SetTerms(new AgreementTerms(unitPriceFen, awardedQuantity, plan.Schedule, start, plan.EndDate,
            changeNoticeDays, priceReview, quote.ListingId));
        agreement.Versions.Add(AgreementVersion.Of(agreement, reason: "", userId, nowUtc));
        return agreement;
    }

    /// <summary>
    /// The agreement's deliveries from <paramref name="from"/> to <paramref name="to"/> (both included, clipped to the
    /// agreement's period and, once ended, to the day it ended): each schedule date with the quantity and status of its
    /// <see cref="StandingDelivery"/> row where one is written, else the agreement's quantity, still Scheduled. What the
    /// standing-order job makes, the supplier's calendar and the quota forecast all read it, so they agree.
    /// </summary>
    public IEnumerable<PlannedDelivery> DeliveriesBetween(DateOnly from, DateOnly to, IEnumerable<StandingDelivery> written)
    {
        var byDate = written.Where(d => d.AgreementId == Id).ToDictionary(d => d.DeliveryDate);
        var last = EndDate;
        if (EndedAtUtc is { } ended)
        {
            // Ended on a day (Shanghai): that day's delivery and later ones are no longer part of it.
            var endedOn = ShanghaiTime.DateOf(ended).AddDays(-1);
            if (endedOn < last) last = endedOn;
        }
        if (to < last) last = to;
        // From the agreement's start, not from `from`: every N days counts from the first day of the period.
        foreach (var date in Schedule.DatesIn(StartDate, last).SkipWhile(d => d < from))
            yield return byDate.TryGetValue(date, out var d)
                ? new PlannedDelivery(date, d.Quantity, d.Status, d)
                : new PlannedDelivery(date, QuantityPerDelivery, StandingDeliveryStatus.Scheduled, null);
    }

    /// <summary>Takes new terms (an accepted change request) and keeps them as the next version.</summary>
    public void Change(AgreementTerms terms, string reason, string userId, DateTime nowUtc)
    {
        SetTerms(terms);
        Version++;
        Versions.Add(AgreementVersion.Of(this, reason, userId, nowUtc));
    }

    /// <summary>Ends the agreement early; false when it had ended already. Deliveries after the end are not made.</summary>
    public bool End(string reason, string userId, DateTime nowUtc)
    {
        if (Status == AgreementStatus.Ended) return false;
        Status = AgreementStatus.Ended;
        EndedAtUtc = nowUtc;
        EndedByUserId = userId;
        EndReason = reason;
        Version++;
        return true;
    }

    private void SetTerms(AgreementTerms t)
    {
        UnitPriceFen = t.UnitPriceFen;
        QuantityPerDelivery = t.QuantityPerDelivery;
        Frequency = t.Schedule.Frequency;
        WeekdayMask = t.Schedule.Frequency == DeliveryFrequency.Weekly ? t.Schedule.WeekdayMask : 0;
        IntervalDays = t.Schedule.Frequency == DeliveryFrequency.EveryNDays ? t.Schedule.IntervalDays : 0;
        DayOfMonth = t.Schedule.Frequency == DeliveryFrequency.Monthly ? t.Schedule.DayOfMonth : 0;
        StartDate = t.StartDate;
        EndDate = t.EndDate;
        ChangeNoticeDays = t.ChangeNoticeDays;
        PriceReview = t.PriceReview;
        ListingId = t.ListingId;
    }
}

/// <summary>One version of an agreement's terms, as agreed at <see cref="ChangedAtUtc"/>; never changed afterwards.</summary>
public class AgreementVersion
{
    public long Id { get; private set; }
    public long AgreementId { get; private set; }
    public int Version { get; private set; }
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
    /// <summary>Why the terms changed; empty for the first version.</summary>
    public string Reason { get; private set; } = "";
    public string ChangedByUserId { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    internal static AgreementVersion Of(SupplyAgreement a, string reason, string userId, DateTime nowUtc) => new()
    {
        Version = a.Version, ListingId = a.ListingId, UnitPriceFen = a.UnitPriceFen, QuantityPerDelivery = a.QuantityPerDelivery,
        Frequency = a.Frequency, WeekdayMask = a.WeekdayMask, IntervalDays = a.IntervalDays, DayOfMonth = a.DayOfMonth,
        StartDate = a.StartDate, EndDate = a.EndDate, ChangeNoticeDays = a.ChangeNoticeDays, PriceReview = a.PriceReview,
        Reason = reason, ChangedByUserId = userId, ChangedAtUtc = nowUtc,
    };
}

/// <summary>One delivery of an agreement on its date: its quantity and status, and its row once written.</summary>
public sealed record PlannedDelivery(DateOnly Date, int Quantity, StandingDeliveryStatus Status, StandingDelivery? Row)
{
    /// <summary>Still to be delivered and paid for: neither skipped nor declined.</summary>
    public bool IsCommitted => Status is StandingDeliveryStatus.Scheduled or StandingDeliveryStatus.Ordered;
}

public enum StandingDeliveryStatus
{
    /// <summary>On the schedule; no order made yet.</summary>
    Scheduled = 0,
    /// <summary>Skipped by the buyer within the notice; no order is made.</summary>
    Skipped = 1,
    /// <summary>Its order has been made (see <see cref="StandingDelivery.OrderId"/>).</summary>
    Ordered = 2,
    /// <summary>The supplier declined it; no order is made, or the one made was cancelled.</summary>
    Declined = 3,
}

/// <summary>
/// One delivery date of an agreement, written when the buyer changes or skips it, or when the standing-order job makes
/// its order. Unique by agreement and date: that key is what makes the job idempotent, on one instance or two.
/// </summary>
public class StandingDelivery
{
    public long Id { get; private set; }
    public long AgreementId { get; init; }
    public SupplyAgreement Agreement { get; private set; } = null!;
    public DateOnly DeliveryDate { get; init; }
    /// <summary>The quantity for this delivery: the agreement's, unless the buyer changed this one.</summary>
    public int Quantity { get; set; }
    public StandingDeliveryStatus Status { get; set; }
    /// <summary>The order made for this delivery, once made.</summary>
    public long? OrderId { get; set; }
    public Ordering.Order? Order { get; private set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; } = 1;

    public const int ReasonMaxLength = 500;

    /// <summary>Why the standing-order job could not make this delivery's order yet (it tries again on its next run).</summary>
    public StandingDeliveryHold? Hold { get; set; }
    public DateTime? HeldAtUtc { get; set; }
    /// <summary>The supplier confirmed it will deliver on this date.</summary>
    public DateTime? ConfirmedAtUtc { get; set; }
    public string? ConfirmedByUserId { get; set; }
    /// <summary>Why the supplier declined this delivery (<see cref="StandingDeliveryStatus.Declined"/>).</summary>
    public string? DeclineReason { get; set; }
    /// <summary>Who last changed the quantity, skipped or declined it, and when is <see cref="UpdatedAtUtc"/>.</summary>
    public string? ChangedByUserId { get; set; }
}

/// <summary>Why a due delivery has no order yet; the job records it, tells both sides once, and tries again.</summary>
public enum StandingDeliveryHold
{
    /// <summary>The agreement names no listing of the supplier's to order from.</summary>
    NoListing = 1,
    /// <summary>The listing is not on sale (unpublished, deleted, its supplier suspended or its county off the list).</summary>
    ListingUnavailable = 2,
    /// <summary>The listing has less stock than the delivery's quantity.</summary>
    ShortOfStock = 3,
    /// <summary>The buying organisation may not order now (suspended).</summary>
    OrganisationMayNotOrder = 4,
}
