using Storefront.Core.Demand;
using Storefront.Core.Money;

namespace Storefront.Core.Tests.Demand;

public class SupplyAgreementTests
{
    private static readonly DateTime Now = new(2026, 8, 20, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>A plan of 300 kg of rice every 10 days in September, and a quote of ¥5.20/kg for 200 kg from 1 September.</summary>
    private static SupplyAgreement RiceAgreement()
    {
        var schedule = DeliverySchedule.EveryNDays(10);
        var plan = new ProcurementPlan
        {
            OrganisationId = 7, CategoryId = 3, Description = "大米", Spec = "早籼", Unit = "kg", DeliveryAddress = "学校食堂",
            PostedByUserId = "u", QuantityPerDelivery = 300, Frequency = schedule.Frequency,
            IntervalDays = schedule.IntervalDays,
            StartDate = new(2026, 9, 1), EndDate = new(2026, 9, 30), QuotesCloseOn = new(2026, 8, 25),
        };
        var quote = new PlanQuote { SupplierId = 11, UnitPriceFen = 520, QuantityPerDelivery = 200, FirstDeliveryOn = new(2026, 9, 1), ListingId = 5 };
        return SupplyAgreement.FromAward(plan, quote, 200, 2, "每季度复核", "buyer", Now);
    }

    [Fact]
    public void AnAwardTakesThePlansItemAndScheduleTheQuotesPriceAndListingAndTheAwardedQuantityAsVersionOne()
    {
        var a = RiceAgreement();
        Assert.Equal((7, 11, 3, "大米", "kg", 520L, 200, 5, 2), (a.OrganisationId, a.SupplierId, a.CategoryId, a.Description, a.Unit, a.UnitPriceFen, a.QuantityPerDelivery, a.ListingId, a.ChangeNoticeDays));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), AgreementStatus.Active, 1), (a.StartDate, a.EndDate, a.Status, a.Version));
        var v = Assert.Single(a.Versions);
        Assert.Equal((1, 520L, 200, "每季度复核", ""), (v.Version, v.UnitPriceFen, v.QuantityPerDelivery, v.PriceReview, v.Reason));
    }

    [Fact]
    public void EveryNDaysDeliveriesCountFromTheAgreementsStartWhateverDayTheQuestionStartsOn()
    {
        var dates = RiceAgreement().DeliveriesBetween(new DateOnly(2026, 9, 5), new DateOnly(2026, 12, 31), []).Select(d => d.Date);
        Assert.Equal([new DateOnly(2026, 9, 11), new DateOnly(2026, 9, 21)], dates);
    }

    [Fact]
    public void AWrittenDeliveryGivesItsOwnQuantityAndStatusAndOnlyScheduledOrOrderedOnesAreCommitted()
    {
        var a = RiceAgreement();
        StandingDelivery[] written =
        [
            new() { AgreementId = a.Id, DeliveryDate = new(2026, 9, 11), Quantity = 0, Status = StandingDeliveryStatus.Skipped },
            new() { AgreementId = a.Id, DeliveryDate = new(2026, 9, 21), Quantity = 150, Status = StandingDeliveryStatus.Ordered, OrderId = 9 },
        ];
        var deliveries = a.DeliveriesBetween(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), written).ToList();
        Assert.Equal([(new DateOnly(2026, 9, 1), 200, true), (new DateOnly(2026, 9, 11), 0, false), (new DateOnly(2026, 9, 21), 150, true)],
            deliveries.Select(d => (d.Date, d.Quantity, d.IsCommitted)));
    }

    [Fact]
    public void AnEndedAgreementHasNoDeliveryOnOrAfterTheShanghaiDayItEnded()
    {
        var a = RiceAgreement();
        // 2026-09-20 17:00 UTC is 21 September 01:00 in Shanghai: the delivery of the 21st is no longer made.
        Assert.True(a.End("食堂停业装修", "buyer", new DateTime(2026, 9, 20, 17, 0, 0, DateTimeKind.Utc)));
        Assert.False(a.End("again", "buyer", Now));
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 11)], a.DeliveriesBetween(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30), []).Select(d => d.Date));
        Assert.Equal((AgreementStatus.Ended, 2, "食堂停业装修"), (a.Status, a.Version, a.EndReason));
    }

    [Fact]
    public void AChangeOfTermsIsKeptAsTheNextVersionBesideTheFirst()
    {
        var a = RiceAgreement();
        a.Change(a.Terms with { UnitPriceFen = 498, QuantityPerDelivery = 250 }, "新米上市调价", "supplier-user", Now.AddDays(3));
        Assert.Equal((2, 498L, 250), (a.Version, a.UnitPriceFen, a.QuantityPerDelivery));
        Assert.Equal([(1, 520L, 200, ""), (2, 498L, 250, "新米上市调价")], a.Versions.Select(v => (v.Version, v.UnitPriceFen, v.QuantityPerDelivery, v.Reason)));
        Assert.Equal(ShanghaiTime.DateOf(Now.AddDays(3)), ShanghaiTime.DateOf(a.Versions[1].ChangedAtUtc));
    }
}
