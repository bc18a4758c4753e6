namespace Storefront.Core.Demand;

/// <summary>A term of a plan that a revision may change, named for the history that lists what changed.</summary>
public enum PlanTerm
{
    Category, Description, Spec, QuantityPerDelivery, Unit, Schedule, StartDate, EndDate, QuotesCloseOn,
    DeliveryAddress, LatestDeliveryTime, PriceCeiling, Counties, Approval, Closed,
}

/// <summary>
/// One revision of a procurement plan (采购需求), kept as the plan stood once it was made: posting is revision 1, and
/// each change of terms, approval, rejection or closing that raises the plan's revision adds the next. Never changed
/// afterwards, so what suppliers quoted on and approvers approved can always be read again.
/// </summary>
public class ProcurementPlanRevision
{
    public long Id { get; private set; }
    public long PlanId { get; private set; }
    public int Revision { get; private set; }
    public int CategoryId { get; private set; }
    public string Description { get; private set; } = "";
    public string Spec { get; private set; } = "";
    public int QuantityPerDelivery { get; private set; }
    public string Unit { get; private set; } = "";
    public DeliveryFrequency Frequency { get; private set; }
    public int WeekdayMask { get; private set; }
    public int IntervalDays { get; private set; }
    public int DayOfMonth { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public DateOnly QuotesCloseOn { get; private set; }
    public string DeliveryAddress { get; private set; } = "";
    public TimeOnly LatestDeliveryTime { get; private set; }
    public long? PriceCeilingFen { get; private set; }
    public string? ProvinceCode { get; private set; }
    public bool PairedCountiesOnly { get; private set; }
    public PlanApproval Approval { get; private set; }
    public string? RejectionReason { get; private set; }
    public bool Closed { get; private set; }
    /// <summary>Who made this revision (the poster, the changer, the approver, the closer) and when.</summary>
    public string ChangedByUserId { get; private set; } = "";
    public string ChangedByName { get; private set; } = "";
    public DateTime ChangedAtUtc { get; private set; }

    public DeliverySchedule Schedule => new(Frequency, DeliverySchedule.WeekdaysOf(WeekdayMask), IntervalDays, DayOfMonth);

    internal static ProcurementPlanRevision Of(ProcurementPlan p, string userId, string userName, DateTime nowUtc) => new()
    {
        Revision = p.Revision, CategoryId = p.CategoryId, Description = p.Description, Spec = p.Spec,
        QuantityPerDelivery = p.QuantityPerDelivery, Unit = p.Unit, Frequency = p.Frequency, WeekdayMask = p.WeekdayMask,
        IntervalDays = p.IntervalDays, DayOfMonth = p.DayOfMonth, StartDate = p.StartDate, EndDate = p.EndDate,
        QuotesCloseOn = p.QuotesCloseOn, DeliveryAddress = p.DeliveryAddress, LatestDeliveryTime = p.LatestDeliveryTime,
        PriceCeilingFen = p.PriceCeilingFen, ProvinceCode = p.ProvinceCode, PairedCountiesOnly = p.PairedCountiesOnly,
        Approval = p.Approval, RejectionReason = p.RejectionReason, Closed = p.ClosedAtUtc is not null,
        ChangedByUserId = userId, ChangedByName = userName, ChangedAtUtc = nowUtc,
    };

    /// <summary>
    /// The terms this revision changed from <paramref name="previous"/>, in the order the plan's page shows them; none
    /// for the first revision kept. The schedule is one term (how often and on which days), the counties one (a
    /// province, paired counties only, or all); a rejection with a new reason is a change of approval.
    /// </summary>
    public IReadOnlyList<PlanTerm> ChangesFrom(ProcurementPlanRevision? previous)
    {
        if (previous is null) return [];
        var changes = new List<PlanTerm>();
        void Compare(PlanTerm term, bool changed)
        {
            if (changed) changes.Add(term);
        }
        Compare(PlanTerm.Category, CategoryId != previous.CategoryId);
        Compare(PlanTerm.Description, Description != previous.Description);
        Compare(PlanTerm.Spec, Spec != previous.Spec);
        Compare(PlanTerm.QuantityPerDelivery, QuantityPerDelivery != previous.QuantityPerDelivery);
        Compare(PlanTerm.Unit, Unit != previous.Unit);
        Compare(PlanTerm.Schedule, Frequency != previous.Frequency || WeekdayMask != previous.WeekdayMask
            || IntervalDays != previous.IntervalDays || DayOfMonth != previous.DayOfMonth);
        Compare(PlanTerm.StartDate, StartDate != previous.StartDate);
        Compare(PlanTerm.EndDate, EndDate != previous.EndDate);
        Compare(PlanTerm.QuotesCloseOn, QuotesCloseOn != previous.QuotesCloseOn);
        Compare(PlanTerm.DeliveryAddress, DeliveryAddress != previous.DeliveryAddress);
        Compare(PlanTerm.LatestDeliveryTime, LatestDeliveryTime != previous.LatestDeliveryTime);
        Compare(PlanTerm.PriceCeiling, PriceCeilingFen != previous.PriceCeilingFen);
        Compare(PlanTerm.Counties, ProvinceCode != previous.ProvinceCode || PairedCountiesOnly != previous.PairedCountiesOnly);
        Compare(PlanTerm.Approval, Approval != previous.Approval || RejectionReason != previous.RejectionReason);
        Compare(PlanTerm.Closed, Closed != previous.Closed);
        return changes;
    }

    /// <summary>Whether a term changed is one a supplier quotes on: anything but the approvers' decision and closing.</summary>
    public static bool IsTermOfQuote(PlanTerm term) => term is not (PlanTerm.Approval or PlanTerm.Closed);
}
