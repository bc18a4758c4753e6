using Storefront.Core.Demand;

namespace Storefront.Core.Tests.Demand;

public class PlanApprovalTests
{
    private static ProcurementPlan Approved() => new()
    {
        Description = "大米", Unit = "公斤", DeliveryAddress = "食堂", PostedByUserId = "buyer", CategoryId = 5, QuantityPerDelivery = 300,
        Frequency = DeliveryFrequency.Weekly, WeekdayMask = DeliverySchedule.Weekly(DayOfWeek.Monday).WeekdayMask,
        StartDate = new DateOnly(2026, 9, 7), EndDate = new DateOnly(2026, 9, 28), QuotesCloseOn = new DateOnly(2026, 9, 1), PriceCeilingFen = 650,
    };

    // The same terms as Approved(): four Mondays of 300 kg at most ¥6.50.
    private static PlanInput Same => new(5, "大米", "", 300, "公斤", DeliverySchedule.Weekly(DayOfWeek.Monday),
        new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 28), new DateOnly(2026, 9, 1), 1, new TimeOnly(9, 0), 650, null);

    [Fact]
    public void AChangeThatCouldCommitMoreNeedsApprovalAgain()
    {
        var plan = Approved();
        Assert.True(plan.ChangeNeedsApproval(Same with { QuantityPerDelivery = 301 }));
        Assert.True(plan.ChangeNeedsApproval(Same with { PriceCeilingFen = 651 }));
        Assert.True(plan.ChangeNeedsApproval(Same with { PriceCeilingFen = null }));
        Assert.True(plan.ChangeNeedsApproval(Same with { Schedule = DeliverySchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Thursday) }));
        Assert.True(plan.ChangeNeedsApproval(Same with { EndDate = new DateOnly(2026, 10, 5) }));
        Assert.True(plan.ChangeNeedsApproval(Same with { CategoryId = 6 }));
    }

    [Fact]
    public void AChangeThatCommitsNoMoreDoesNot()
    {
        var plan = Approved();
        Assert.False(plan.ChangeNeedsApproval(Same));
        Assert.False(plan.ChangeNeedsApproval(Same with { Description = "早籼米", QuantityPerDelivery = 250, PriceCeilingFen = 600, ProvinceCode = "430000" }));
        Assert.False(plan.ChangeNeedsApproval(Same with { EndDate = new DateOnly(2026, 9, 21) }));
    }

    [Fact]
    public void AWaitingPlanIsNotOpenUntilApprovedAndARejectionNeedsAReason()
    {
        var plan = Approved();
        plan.AwaitApproval();
        var day = new DateOnly(2026, 8, 1);
        Assert.False(plan.IsOpenOn(day));
        Assert.True(plan.MayChangeOn(day));
        Assert.False(plan.Decide(approve: false, "approver", " ", DateTime.UtcNow));
        Assert.True(plan.Decide(approve: true, "approver", null, DateTime.UtcNow));
        Assert.True(plan.IsOpenOn(day));
        Assert.Equal(2, plan.Revision);
        Assert.False(plan.Decide(approve: false, "approver", "重复", DateTime.UtcNow));

        var rejected = Approved();
        rejected.AwaitApproval();
        Assert.True(rejected.Decide(approve: false, "approver", " 数量过大 ", DateTime.UtcNow));
        Assert.Equal((PlanApproval.Rejected, "数量过大"), (rejected.Approval, rejected.RejectionReason));
        Assert.False(rejected.IsOpenOn(day));
        Assert.False(rejected.MayChangeOn(day));
    }
}
