using Storefront.Core.Catalog;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>
/// A procurement plan (采购需求): what an organisation will buy, how much per delivery, how often and for how long,
/// posted so that cooperatives can quote ahead of the harvest. Open for quotes until <see cref="QuotesCloseOn"/> or
/// until the organisation closes it. Every change raises <see cref="Revision"/>, its concurrency token.
/// </summary>
public class ProcurementPlan
{
    public const int DescriptionMaxLength = 500;
    public const int SpecMaxLength = 100;
    public const int UnitMaxLength = 20;
    public const int AddressMaxLength = 200;
    /// <summary>More per delivery than any canteen takes: a typo (or 10^12), not a plan.</summary>
    public const int MaxQuantityPerDelivery = 1_000_000;

    public long Id { get; private set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; private set; } = null!;
    public int CategoryId { get; set; }
    public Category Category { get; private set; } = null!;
    public required string Description { get; set; }
    public string Spec { get; set; } = "";
    public int QuantityPerDelivery { get; set; }
    public required string Unit { get; set; }
    public DeliveryFrequency Frequency { get; set; }
    /// <summary>Bit n for <see cref="DayOfWeek"/> n; weekly plans only.</summary>
    public int WeekdayMask { get; set; }
    public int IntervalDays { get; set; }
    public int DayOfMonth { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public DateOnly QuotesCloseOn { get; set; }
    public required string DeliveryAddress { get; set; }
    /// <summary>Latest time of day (Asia/Shanghai) a delivery must arrive.</summary>
    public TimeOnly LatestDeliveryTime { get; set; }
    public long? PriceCeilingFen { get; set; }
    /// <summary>Null: open to every designated county; else only to the designated counties of this province.</summary>
    public string? ProvinceCode { get; set; }
    public required string PostedByUserId { get; set; }
    public DateTime PostedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public int Revision { get; private set; } = 1;
    /// <summary>
    /// The quantity per delivery awarded so far, the sum of its agreements' at award. Raised by one UPDATE that cannot
    /// pass <see cref="QuantityPerDelivery"/> (and a check constraint besides), so two awards at once never over-award.
    /// </summary>
    public int AwardedQuantityPerDelivery { get; private set; }

    public List<PlanQuote> Quotes { get; private set; } = [];

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    /// <summary>Open for quotes on <paramref name="today"/> (Asia/Shanghai): not closed, and its closing date not passed.</summary>
    public bool IsOpenOn(DateOnly today) => ClosedAtUtc is null && today <= QuotesCloseOn;

    /// <summary>Closes the plan for quotes; false when it was closed already.</summary>
    public bool Close(DateTime nowUtc)
    {
        if (ClosedAtUtc is not null) return false;
        ClosedAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    /// <summary>Takes the terms of a checked <see cref="PlanInput"/>, as posting does; quotes made earlier keep the revision they answered.</summary>
    public void Apply(PlanInput input, DateTime nowUtc, bool isNew)
    {
        CategoryId = input.CategoryId;
        Description = input.Description.Trim();
        Spec = input.Spec?.Trim() ?? "";
        QuantityPerDelivery = (int)input.QuantityPerDelivery;
        Unit = input.Unit.Trim();
        Frequency = input.Schedule.Frequency;
        WeekdayMask = input.Schedule.Frequency == DeliveryFrequency.Weekly ? input.Schedule.WeekdayMask : 0;
        IntervalDays = input.Schedule.Frequency == DeliveryFrequency.EveryNDays ? input.Schedule.IntervalDays : 0;
        DayOfMonth = input.Schedule.Frequency == DeliveryFrequency.Monthly ? input.Schedule.DayOfMonth : 0;
        StartDate = input.StartDate;
        EndDate = input.EndDate;
        QuotesCloseOn = input.QuotesCloseOn;
        DeliveryAddress = input.DeliveryAddress.Trim();
        LatestDeliveryTime = input.LatestDeliveryTime;
        PriceCeilingFen = input.PriceCeilingFen;
        ProvinceCode = input.ProvinceCode;
        if (isNew) UpdatedAtUtc = nowUtc;
        else Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Revision++;
    }
}

/// <summary>
/// A supplier's current quote on a plan, one per supplier and plan; every submission, the first included, is also
/// kept as a <see cref="PlanQuoteRevision"/> row, so a revised quote never hides what was offered before.
/// </summary>
public enum QuoteStatus
{
    /// <summary>Not decided on yet; the supplier may still revise it while the plan is open.</summary>
    Open = 0,
    /// <summary>Awarded (all or part of its quantity): it has an agreement.</summary>
    Awarded = 1,
    /// <summary>Not awarded when the organisation finished awarding the plan.</summary>
    Rejected = 2,
}

public class PlanQuote
{
    public const int NoteMaxLength = 500;

    public long Id { get; private set; }
    public long PlanId { get; set; }
    public ProcurementPlan Plan { get; private set; } = null!;
    public int SupplierId { get; set; }
    public Suppliers.Supplier Supplier { get; private set; } = null!;
    public long UnitPriceFen { get; set; }
    public int QuantityPerDelivery { get; set; }
    public DateOnly FirstDeliveryOn { get; set; }
    public int? ListingId { get; set; }
    public Listing? Listing { get; private set; }
    /// <summary>The plan's revision this quote answers: a quote made before the plan changed says so.</summary>
    public int PlanRevision { get; set; }
    public string Note { get; set; } = "";
    public DateTime SubmittedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Revision { get; set; }
    public QuoteStatus Status { get; set; }
    /// <summary>When it was awarded or rejected.</summary>
    public DateTime? DecidedAtUtc { get; set; }

    public List<PlanQuoteRevision> Revisions { get; private set; } = [];
}

public class PlanQuoteRevision
{
    public long Id { get; private set; }
    public long QuoteId { get; set; }
    public int Revision { get; set; }
    public long UnitPriceFen { get; set; }
    public int QuantityPerDelivery { get; set; }
    public DateOnly FirstDeliveryOn { get; set; }
    public int? ListingId { get; set; }
    public string Note { get; set; } = "";
    public required string SubmittedByUserId { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
}
