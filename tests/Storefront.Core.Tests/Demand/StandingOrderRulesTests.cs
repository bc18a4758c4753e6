using Storefront.Core.Demand;

namespace Storefront.Core.Tests.Demand;

public class StandingOrderRulesTests
{
    private static readonly DateTime Now = new(2026, 8, 20, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>40 boxes of tea every Tuesday and Friday of September at ¥61.25, changes up to 2 days ahead.</summary>
    private static SupplyAgreement TeaAgreement()
    {
        var schedule = DeliverySchedule.Weekly(DayOfWeek.Tuesday, DayOfWeek.Friday);
        var plan = new ProcurementPlan
        {
            OrganisationId = 7, CategoryId = 3, Description = "莓茶", Unit = "盒", DeliveryAddress = "医院食堂", PostedByUserId = "u",
            QuantityPerDelivery = 40, Frequency = schedule.Frequency, WeekdayMask = schedule.WeekdayMask,
            StartDate = new(2026, 9, 1), EndDate = new(2026, 9, 30), QuotesCloseOn = new(2026, 8, 25),
        };
        var quote = new PlanQuote { SupplierId = 11, UnitPriceFen = 6125, QuantityPerDelivery = 40, FirstDeliveryOn = new(2026, 9, 1), ListingId = 5 };
        return SupplyAgreement.FromAward(plan, quote, 40, 2, "", "buyer", Now);
    }

    [Fact]
    public void TheDueWindowRunsFromTodayToTodayPlusTheLeadDaysBothIncluded()
    {
        var (from, to) = StandingOrderRules.DueWindow(new DateOnly(2026, 9, 3), 3);
        var due = TeaAgreement().DeliveriesBetween(from, to, []).Select(d => d.Date);
        // Thursday the 3rd: Friday the 4th and not Tuesday the 8th (three days ahead is the 6th).
        Assert.Equal([new DateOnly(2026, 9, 4)], due);
        var (from7, to7) = StandingOrderRules.DueWindow(new DateOnly(2026, 9, 3), 5);
        Assert.Equal([new DateOnly(2026, 9, 4), new DateOnly(2026, 9, 8)], TeaAgreement().DeliveriesBetween(from7, to7, []).Select(d => d.Date));
    }

    [Fact]
    public void ADeliveryMayBeChangedUntilTheNoticeDaysBeforeItsDate()
    {
        var delivery = new DateOnly(2026, 9, 11);
        Assert.True(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 8), 2));
        Assert.True(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 9), 2));
        Assert.False(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 10), 2));
        Assert.False(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 11), 2));
        // Without notice, until the day itself.
        Assert.True(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 11), 0));
        Assert.False(StandingOrderRules.MayChange(delivery, new DateOnly(2026, 9, 12), 0));
    }

    [Fact]
    public void ASkippedOrOrderedDeliveryIsNotDueAgainAndAChangedOneKeepsItsQuantity()
    {
        var agreement = TeaAgreement();
        StandingDelivery Row(DateOnly date, StandingDeliveryStatus status, int quantity) =>
            new() { AgreementId = agreement.Id, DeliveryDate = date, Status = status, Quantity = quantity, OrderId = status == StandingDeliveryStatus.Ordered ? 99 : null };
        var written = new[]
        {
            Row(new(2026, 9, 1), StandingDeliveryStatus.Ordered, 40),
            Row(new(2026, 9, 4), StandingDeliveryStatus.Skipped, 40),
            Row(new(2026, 9, 8), StandingDeliveryStatus.Scheduled, 25),
        };
        var due = agreement.DeliveriesBetween(new(2026, 9, 1), new(2026, 9, 11), written)
            .Where(d => d.Status == StandingDeliveryStatus.Scheduled && d.Row?.OrderId is null)
            .Select(d => (d.Date, d.Quantity));
        Assert.Equal([(new DateOnly(2026, 9, 8), 25), (new DateOnly(2026, 9, 11), 40)], due);
    }

    [Fact]
    public void APurchaseKeyIsTheSameForOneDeliveryAndDiffersForAnother()
    {
        Assert.Equal(StandingOrderRules.KeyOf(12, new(2026, 9, 4)), StandingOrderRules.KeyOf(12, new(2026, 9, 4)));
        Assert.NotEqual(StandingOrderRules.KeyOf(12, new(2026, 9, 4)), StandingOrderRules.KeyOf(12, new(2026, 9, 8)));
        Assert.NotEqual(StandingOrderRules.KeyOf(12, new(2026, 9, 4)), StandingOrderRules.KeyOf(13, new(2026, 9, 4)));
        Assert.Equal("SA12-20260904", StandingOrderRules.ReferenceOf(12, new(2026, 9, 4)));
    }
}
