using Storefront.Core.Demand;
using Storefront.Core.Ordering;

namespace Storefront.Core.Tests.Demand;

/// <summary>The supplier's calendar: committed deliveries by ISO week and listing against stock and quote, by hand.</summary>
public class DeliveryCalendarTests
{
    private static readonly DateTime Signed = new(2026, 9, 20, 2, 0, 0, DateTimeKind.Utc);

    private static SupplyAgreement Agreement(DeliverySchedule schedule, DateOnly start, int quantity, int? listing, string description, string spec)
    {
        var plan = new ProcurementPlan
        {
            OrganisationId = 7, CategoryId = 3, Description = description, Spec = spec, Unit = "kg", DeliveryAddress = "学校食堂",
            PostedByUserId = "u", QuantityPerDelivery = quantity, Frequency = schedule.Frequency, WeekdayMask = schedule.WeekdayMask,
            IntervalDays = schedule.IntervalDays, StartDate = start, EndDate = new(2026, 12, 31), QuotesCloseOn = new(2026, 9, 15),
        };
        var quote = new PlanQuote { SupplierId = 11, UnitPriceFen = 520, QuantityPerDelivery = quantity, FirstDeliveryOn = start, ListingId = listing };
        return SupplyAgreement.FromAward(plan, quote, quantity, 2, "", "buyer", Signed);
    }

    [Fact]
    public void CommitmentsAreAddedByIsoWeekAndListingAndAWeekAboveStockOrAboveTheQuoteIsFlagged()
    {
        // Today Wednesday 7 October 2026, three weeks: W41 (5–11 Oct), W42 (12–18), W43 (19–25).
        // Tea oil (listing 5, stock 250 kg, quoted 200 kg a delivery): 200 kg every Monday and Thursday from 1 October.
        //   W41: Mon 5 Oct is gone; Thu 8 Oct ordered, order approved (stock reserved)   → 200 committed, 0 from stock
        //   W42: Mon 12 Oct ordered but the order was cancelled                        → left out
        //        Thu 15 Oct raised by the buyer to 260 kg, not ordered                 → 260 committed, 260 from stock
        //        260 from stock > 250 in stock: short by 10; 260 > 200 quoted: 60 above the quote
        //   W43: Mon 19 Oct skipped; Thu 22 Oct ordered, waiting for approval          → 200 committed, 200 from stock
        // Rice with no listing named: 100 kg every 7 days from Tuesday 20 October      → W43: 100, no stock to compare.
        var today = new DateOnly(2026, 10, 7);
        var oil = Agreement(DeliverySchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Thursday), new(2026, 10, 1), 200, 5, "茶油", "");
        var rice = Agreement(DeliverySchedule.EveryNDays(7), new(2026, 10, 20), 100, null, "大米", "早籼");
        StandingDelivery[] written =
        [
            new() { AgreementId = oil.Id, DeliveryDate = new(2026, 10, 8), Quantity = 200, Status = StandingDeliveryStatus.Ordered, OrderId = 51 },
            new() { AgreementId = oil.Id, DeliveryDate = new(2026, 10, 12), Quantity = 200, Status = StandingDeliveryStatus.Ordered, OrderId = 53 },
            new() { AgreementId = oil.Id, DeliveryDate = new(2026, 10, 15), Quantity = 260, Status = StandingDeliveryStatus.Scheduled },
            new() { AgreementId = oil.Id, DeliveryDate = new(2026, 10, 19), Quantity = 200, Status = StandingDeliveryStatus.Skipped },
            new() { AgreementId = oil.Id, DeliveryDate = new(2026, 10, 22), Quantity = 200, Status = StandingDeliveryStatus.Ordered, OrderId = 52 },
        ];
        var orders = new Dictionary<long, OrderStatus> { [51] = OrderStatus.Approved, [52] = OrderStatus.PendingApproval, [53] = OrderStatus.Cancelled };

        var weeks = DeliveryCalendar.Of(
        [
            new DeliveryCalendar.Source(oil, written, orders, 200, "湘西茶油 5L", 250),
            new DeliveryCalendar.Source(rice, [], new Dictionary<long, OrderStatus>(), 100, "大米 早籼", null),
        ], today, 3);

        Assert.Equal(["2026-W41", "2026-W42", "2026-W43"], weeks.Select(w => w.Label));
        Assert.Equal([new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 19)], weeks.Select(w => w.Monday));
        Assert.Equal(new DeliveryCalendar.Line("L5", 5, "湘西茶油 5L", "kg", 250, 1, 200, 0, 200), Assert.Single(weeks[0].Lines));
        var w42 = Assert.Single(weeks[1].Lines);
        Assert.Equal((1, 260L, 260L, 200L, true, true), (w42.Deliveries, w42.Committed, w42.FromStock, w42.Quoted, w42.ExceedsStock, w42.ExceedsQuote));
        Assert.Equal([("A0", "大米 早籼", 100L, 100L, false), ("L5", "湘西茶油 5L", 200L, 200L, false)],
            weeks[2].Lines.Select(l => (l.Key, l.Item, l.Committed, l.FromStock, l.ExceedsStock || l.ExceedsQuote)));
        Assert.Equal([false, true, false], weeks.Select(w => w.HasWarning));
    }

    [Fact]
    public void WeeksStartOnMondayAndAnEmptyWeekIsStillListed()
    {
        Assert.Equal(new DateOnly(2026, 12, 28), DeliveryCalendar.MondayOf(new DateOnly(2027, 1, 3)));
        Assert.Equal(new DateOnly(2026, 12, 28), DeliveryCalendar.MondayOf(new DateOnly(2026, 12, 28)));
        var weeks = DeliveryCalendar.Of([], new DateOnly(2027, 1, 3), 2);
        // 28 December 2026 is in ISO week 53 of 2026; 4 January 2027 begins week 1 of 2027.
        Assert.Equal(["2026-W53", "2027-W01"], weeks.Select(w => w.Label));
        Assert.All(weeks, w => Assert.Empty(w.Lines));
    }
}
