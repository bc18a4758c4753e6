using Storefront.Core.Catalog;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>Where a plan stands with the organisation's approvers; only an approved plan is shown to suppliers.</summary>
public enum PlanApproval { Approved = 0, AwaitingApproval = 1, Rejected = 2 }

/// <summary>
/// A procurement plan (采购需求): what an organisation will buy, how much per delivery, how often and for how long,
/// posted so that cooperatives can quote ahead of the harvest. Open for quotes until <see cref="QuotesCloseOn"/> or
/// until the organisation closes it. Every change raises <see cref="Revision"/>, its concurrency token, and is kept
/// as a <see cref="ProcurementPlanRevision"/> (<see cref="KeepRevision"/>), so a change never overwrites what was.
/// </summary>
public class ProcurementPlan
{
    public const int DescriptionMaxLength = 500;
    public const int SpecMaxLength = 100;
    public const int UnitMaxLength = 20;
    public const int ReasonMaxLength = 500;
    /// <summary>The copy of an address-book entry: its label, address, recipient and phone.</summary>
    public const int AddressMaxLength = 400;
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
    /// <summary>Open only to the organisation's paired counties (东西部协作、对口帮扶), those designated; never with a province.</summary>
    public bool PairedCountiesOnly { get; set; }
    /// <summary>The address-book entry chosen; the plan keeps its text in <see cref="DeliveryAddress"/>, as orders do.</summary>
    public int? DeliveryAddressId { get; set; }
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

    public PlanApproval Approval { get; private set; }
    /// <summary>The approver of the last decision (approval or rejection) and when it was made.</summary>
    public string? DecidedByUserId { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>When the suppliers it admits were told of it: once, the first time it was approved.</summary>
    public DateTime? SuppliersNotifiedAtUtc { get; set; }

    public List<PlanQuote> Quotes { get; private set; } = [];
    /// <summary>The revisions kept; loaded only where the history is read, added to by <see cref="KeepRevision"/>.</summary>
    public List<ProcurementPlanRevision> Revisions { get; private set; } = [];

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    /// <summary>Open for quotes on <paramref name="today"/> (Asia/Shanghai): approved, not closed, and its closing date not passed.</summary>
    public bool IsOpenOn(DateOnly today) => Approval == PlanApproval.Approved && ClosedAtUtc is null && today <= QuotesCloseOn;

    /// <summary>Whether the organisation may still change it: not closed or rejected, and quotes not closed.</summary>
    public bool MayChangeOn(DateOnly today) => Approval != PlanApproval.Rejected && ClosedAtUtc is null && today <= QuotesCloseOn;

    /// <summary>Sends the plan to the approvers: hidden from suppliers until approved. Quotes made earlier stay.</summary>
    public void AwaitApproval()
    {
        Approval = PlanApproval.AwaitingApproval;
        DecidedByUserId = null;
        DecidedAtUtc = null;
    }

    /// <summary>An approver's decision on a waiting plan; false when it does not wait (decided meanwhile) or a rejection has no reason.</summary>
    public bool Decide(bool approve, string approverUserId, string? reason, DateTime nowUtc)
    {
        if (Approval != PlanApproval.AwaitingApproval || ClosedAtUtc is not null) return false;
        if (!approve && string.IsNullOrWhiteSpace(reason)) return false;
        Approval = approve ? PlanApproval.Approved : PlanApproval.Rejected;
        RejectionReason = approve ? null : reason!.Trim();
        DecidedByUserId = approverUserId;
        DecidedAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    /// <summary>Closes the plan for quotes; false when it was closed already.</summary>
    public bool Close(DateTime nowUtc)
    {
        if (ClosedAtUtc is not null) return false;
        ClosedAtUtc = nowUtc;
        Touch(nowUtc);
        return true;
    }

    /// <summary>Takes the terms of a checked <see cref="PlanInput"/>, as posting does; quotes made earlier keep the revision they answered.</summary>
    public void Apply(PlanInput input, Organisations.DeliveryAddress address, DateTime nowUtc, bool isNew)
    {
        DeliveryAddressId = address.Id;
        DeliveryAddress = AddressText(address);
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
        LatestDeliveryTime = input.LatestDeliveryTime;
        PriceCeilingFen = input.PriceCeilingFen;
        ProvinceCode = input.ProvinceCode;
        PairedCountiesOnly = input.PairedCountiesOnly;
        if (isNew) UpdatedAtUtc = nowUtc;
        else Touch(nowUtc);
    }

    /// <summary>The address as the plan keeps it, so that a later change of the address book does not rewrite it.</summary>
    public static string AddressText(Organisations.DeliveryAddress a) => $"{a.Label}：{a.Address}（{a.Recipient} {a.Phone}）";

    /// <summary>
    /// Whether changing an approved plan to <paramref name="input"/> needs an approver again: the change could commit
    /// the organisation to more than was approved (more per delivery, more deliveries, a higher ceiling or none, or
    /// another category). Changes of words, dates that give no more deliveries, address or counties do not.
    /// </summary>
    public bool ChangeNeedsApproval(PlanInput input) =>
        input.QuantityPerDelivery > QuantityPerDelivery
        || input.CategoryId != CategoryId
        || (PriceCeilingFen is { } ceiling && (input.PriceCeilingFen is null || input.PriceCeilingFen > ceiling))
        || input.Schedule.DatesIn(input.StartDate, input.EndDate).Count() > Schedule.DatesIn(StartDate, EndDate).Count();

    /// <summary>
    /// Keeps the plan as it now stands as the row of its current revision, made by <paramref name="userId"/> when the
    /// plan was last updated. Called once by every path that raised the revision, after all of that change (its
    /// approval state included) and before the save that writes it, so the row and the change are written together
    /// or not at all.
    /// </summary>
    public ProcurementPlanRevision KeepRevision(string userId, string userName)
    {
        var revision = ProcurementPlanRevision.Of(this, userId, userName, UpdatedAtUtc);
        Revisions.Add(revision);
        return revision;
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

    /// <summary>Prices for smaller deliveries than quoted (<see cref="QuoteTiers"/>); empty: one price for any quantity up to the quoted one.</summary>
    public List<QuoteTier> Tiers { get; private set; } = [];

    public List<PlanQuoteRevision> Revisions { get; private set; } = [];

    /// <summary>The price per unit for a delivery of <paramref name="quantity"/> (<see cref="QuoteTiers.PriceFor"/>).</summary>
    public long? PriceFor(int quantity) => QuoteTiers.PriceFor(Tiers.Select(t => t.AsPriceTier()).ToList(), QuantityPerDelivery, UnitPriceFen, quantity);
}

/// <summary>One price tier of a quote or of one of its revisions: from <see cref="MinQuantity"/> per delivery, this price per unit.</summary>
public class QuoteTier
{
    public int MinQuantity { get; init; }
    public long UnitPriceFen { get; init; }

    public PriceTier AsPriceTier() => new(MinQuantity, UnitPriceFen);
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
    public List<QuoteTier> Tiers { get; private set; } = [];
    public required string SubmittedByUserId { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
}
