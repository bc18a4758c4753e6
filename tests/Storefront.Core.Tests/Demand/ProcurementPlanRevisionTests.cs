using Storefront.Core.Demand;
using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Demand;

/// <summary>What each kept revision of a plan changed from the one before, as the plan's history lists it.</summary>
public class ProcurementPlanRevisionTests
{
    private static readonly DateTime Now = new(2026, 7, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DeliveryAddress Canteen = new() { Label = "学生食堂", Address = "岳麓区实验中学", Recipient = "王师傅", Phone = "0731-1234567" };

    private static PlanInput Rice() => new(
        3, "学生食堂大米", "早籼", 300, "公斤", DeliverySchedule.Weekly(DayOfWeek.Monday),
        new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 15), new DateOnly(2026, 8, 20), 1, new TimeOnly(9, 30), 650, null);

    private static ProcurementPlan Posted()
    {
        var plan = new ProcurementPlan { Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = "buyer" };
        plan.Apply(Rice(), Canteen, Now, isNew: true);
        plan.AwaitApproval();
        return plan;
    }

    [Fact]
    public void ARevisionKeepsThePlanAsItStoodAndWhoMadeIt()
    {
        var plan = Posted();
        var kept = plan.KeepRevision("buyer", "王老师");
        Assert.Same(kept, Assert.Single(plan.Revisions));
        Assert.Equal((1, 3, "学生食堂大米", "早籼", 300, "公斤", DeliveryFrequency.Weekly, 1 << (int)DayOfWeek.Monday),
            (kept.Revision, kept.CategoryId, kept.Description, kept.Spec, kept.QuantityPerDelivery, kept.Unit, kept.Frequency, kept.WeekdayMask));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 15), new DateOnly(2026, 8, 20), "学生食堂：岳麓区实验中学（王师傅 0731-1234567）", new TimeOnly(9, 30), (long?)650),
            (kept.StartDate, kept.EndDate, kept.QuotesCloseOn, kept.DeliveryAddress, kept.LatestDeliveryTime, kept.PriceCeilingFen));
        Assert.Equal((PlanApproval.AwaitingApproval, false, "buyer", "王老师", Now), (kept.Approval, kept.Closed, kept.ChangedByUserId, kept.ChangedByName, kept.ChangedAtUtc));
        Assert.Empty(kept.ChangesFrom(null));
    }

    [Fact]
    public void AChangeListsTheTermsItChangedInThePagesOrder()
    {
        var plan = Posted();
        var first = plan.KeepRevision("buyer", "王老师");
        plan.Apply(Rice() with { PriceCeilingFen = null, QuantityPerDelivery = 350, Schedule = DeliverySchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Thursday) }, Canteen, Now, isNew: false);
        var second = plan.KeepRevision("buyer", "王老师");
        Assert.Equal([PlanTerm.QuantityPerDelivery, PlanTerm.Schedule, PlanTerm.PriceCeiling], second.ChangesFrom(first));

        plan.Apply(Rice() with { Description = "学生食堂早籼米", ProvinceCode = "430000", EndDate = new DateOnly(2026, 12, 31), LatestDeliveryTime = new TimeOnly(8, 0) }, Canteen, Now, isNew: false);
        var third = plan.KeepRevision("buyer", "王老师");
        Assert.Equal([PlanTerm.Description, PlanTerm.QuantityPerDelivery, PlanTerm.Schedule, PlanTerm.EndDate, PlanTerm.LatestDeliveryTime, PlanTerm.PriceCeiling, PlanTerm.Counties],
            third.ChangesFrom(second));
        Assert.Equal(3, third.Revision);
    }

    [Fact]
    public void TheSameTermsAgainChangeNothing()
    {
        var plan = Posted();
        var first = plan.KeepRevision("buyer", "王老师");
        plan.Apply(Rice(), Canteen, Now, isNew: false);
        Assert.Empty(plan.KeepRevision("buyer", "王老师").ChangesFrom(first));
    }

    [Fact]
    public void DecisionsAndClosingChangeOnlyTheStateWhichIsNoTermOfAQuote()
    {
        var plan = Posted();
        var waiting = plan.KeepRevision("buyer", "王老师");
        Assert.True(plan.Decide(approve: false, "approver", "  预算未到位 ", Now));
        var rejected = plan.KeepRevision("approver", "李主任");
        Assert.Equal([PlanTerm.Approval], rejected.ChangesFrom(waiting));
        Assert.Equal((PlanApproval.Rejected, "预算未到位", 2), (rejected.Approval, rejected.RejectionReason, rejected.Revision));

        var other = Posted();
        var before = other.KeepRevision("buyer", "王老师");
        Assert.True(other.Decide(approve: true, "approver", null, Now));
        var approved = other.KeepRevision("approver", "李主任");
        Assert.True(other.Close(Now));
        var closed = other.KeepRevision("buyer", "王老师");
        Assert.Equal([PlanTerm.Approval], approved.ChangesFrom(before));
        Assert.Equal([PlanTerm.Closed], closed.ChangesFrom(approved));
        Assert.DoesNotContain(closed.ChangesFrom(before), ProcurementPlanRevision.IsTermOfQuote);
        Assert.True(closed.Closed);
    }
}
