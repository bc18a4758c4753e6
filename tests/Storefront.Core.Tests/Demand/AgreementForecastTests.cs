using Storefront.Core.Demand;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Demand;

/// <summary>The quota forecast from signed agreements, against a hand-worked example.</summary>
public class AgreementForecastTests
{
    private static readonly DateTime Signed = new(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 10, 1); // a Thursday
    private static readonly DateOnly YearEnd = new(2026, 12, 31);

    /// <summary>200 kg of rice at ¥5.20/kg every Monday from 7 September to 31 December.</summary>
    private static SupplyAgreement MondayRice(int organisationId = 7)
    {
        var schedule = DeliverySchedule.Weekly(DayOfWeek.Monday);
        var plan = new ProcurementPlan
        {
            OrganisationId = organisationId, CategoryId = 3, Description = "大米", Spec = "早籼", Unit = "kg", DeliveryAddress = "医院食堂",
            PostedByUserId = "u", QuantityPerDelivery = 200, Frequency = schedule.Frequency, WeekdayMask = schedule.WeekdayMask,
            StartDate = new(2026, 9, 7), EndDate = YearEnd, QuotesCloseOn = new(2026, 9, 1),
        };
        var quote = new PlanQuote { SupplierId = 11, UnitPriceFen = 520, QuantityPerDelivery = 200, FirstDeliveryOn = new(2026, 9, 7), ListingId = 5 };
        return SupplyAgreement.FromAward(plan, quote, 200, 2, "", "buyer", Signed);
    }

    private static StandingDelivery Row(SupplyAgreement a, int month, int day, int quantity, StandingDeliveryStatus status, long? order = null) =>
        new() { AgreementId = a.Id, DeliveryDate = new(2026, month, day), Quantity = quantity, Status = status, OrderId = order };

    [Fact]
    public void TheAgreementsAddTheirCommittedUnpaidDeliveriesAtTheAgreedPriceAndTheRateIsRoundedHalfUpToTwoDecimals()
    {
        // Quota ¥96,000.00 (9,600,000 fen), paid ¥60,000.00 (6,000,000 fen): 62.50% today.
        // Mondays from Thursday 1 October to 31 December: 5, 12, 19, 26 Oct; 2, 9, 16, 23, 30 Nov; 7, 14, 21, 28 Dec = 13.
        //   12 Oct skipped by the buyer                         → left out
        //   19 Oct ordered and already paid (order 42)          → left out: it is in the ledger already
        //    5 Oct ordered, not paid yet (order 41)             → 200 kg
        //    2 Nov quantity changed to 250 kg                   → 250 kg
        //   28 Sep ordered and paid, before today               → not in the period
        //   the 9 other Mondays                                 → 9 × 200 = 1,800 kg
        // 11 deliveries, 200 + 250 + 1,800 = 2,250 kg × 520 fen = 1,170,000 fen = ¥11,700.00.
        // (6,000,000 + 1,170,000) ÷ 9,600,000 = 74.6875% → 74.69% (half up to two decimals, as every percentage shown).
        var a = MondayRice();
        StandingDelivery[] written =
        [
            Row(a, 9, 28, 200, StandingDeliveryStatus.Ordered, 40),
            Row(a, 10, 5, 200, StandingDeliveryStatus.Ordered, 41),
            Row(a, 10, 12, 200, StandingDeliveryStatus.Skipped),
            Row(a, 10, 19, 200, StandingDeliveryStatus.Ordered, 42),
            Row(a, 11, 2, 250, StandingDeliveryStatus.Scheduled),
        ];
        var paid = new HashSet<long> { 40, 42 };

        var (deliveries, quantity, amount) = SignedAgreements.StillToCome(a, written, paid, Today, YearEnd);

        Assert.Equal((11, 2_250L, 1_170_000L), (deliveries, quantity, amount));
        Assert.Equal(62.50m, ReservedQuota.Percent(6_000_000, 9_600_000));
        Assert.Equal("74.69%", ReservedQuota.FormatPercent(ReservedQuota.Percent(6_000_000 + amount, 9_600_000)));
    }

    [Fact]
    public void ADeclinedDeliveryOrACancelledOrderAddsNothingAndAnEndedAgreementAddsNothingAtAll()
    {
        var a = MondayRice();
        StandingDelivery[] written = [Row(a, 10, 5, 200, StandingDeliveryStatus.Declined), Row(a, 10, 12, 200, StandingDeliveryStatus.Ordered, 43)];
        // 13 Mondays less the declined one and the one whose order (43) was cancelled: 11 × 200 × 520.
        Assert.Equal((11, 2_200L, 1_144_000L), SignedAgreements.StillToCome(a, written, new HashSet<long> { 43 }, Today, YearEnd));

        a.End("食堂停业", "buyer", Signed.AddDays(10));
        Assert.Equal((0, 0L, 0L), SignedAgreements.StillToCome(a, [], new HashSet<long>(), Today, YearEnd));
    }

    private static OrganisationStanding Standing(int id, long reserved, long counted, long pace, FilingKind kind = FilingKind.Canteen, int? host = null) =>
        new(id, $"单位{id}", OrganisationType.Hospital, "430103", "天心区", "430100", "长沙市", "430000", "湖南省", kind, FilingStatus.Approved,
            host, 1000, kind == FilingKind.Canteen ? reserved : 0, counted, pace);

    [Fact]
    public void AnAgreementOfAnOrganisationSharingACanteenAddsToItsHostAndOnlyCountingCountiesAdd()
    {
        // Host 1: quota ¥96,000.00, counted ¥60,000.00, pace ¥72,000.00 (behind). Its sharer 2 signed the agreement
        // (¥11,700.00 in a designated county); an agreement of 3 in a county not designated adds nothing.
        // Organisation 3 is behind pace and has an agreement; organisation 4 is behind with none.
        OrganisationStanding[] standings =
        [
            Standing(1, 9_600_000, 6_000_000, 7_200_000),
            Standing(2, 0, 0, 0, FilingKind.SharesCanteen, host: 1),
            Standing(3, 1_000_000, 100_000, 200_000),
            Standing(4, 1_000_000, 100_000, 300_000),
        ];
        SignedAgreements.Remaining[] remaining =
        [
            new(1, 2, 11, "433127", true, "kg", 11, 2_250, 1_170_000),
            new(2, 3, 12, "430103", false, "kg", 4, 400, 200_000),
        ];

        var outlook = AgreementOutlook.Of(standings, remaining, new HashSet<int> { 2, 3 });

        Assert.Equal(1_170_000, outlook.AddsByOrganisation[1]);
        Assert.False(outlook.AddsByOrganisation.ContainsKey(3));
        Assert.Equal(1_170_000, outlook.AddsFen);
        // (6,000,000 + 100,000 + 100,000 + 1,170,000) ÷ (9,600,000 + 1,000,000 + 1,000,000) = 7,370,000 ÷ 11,600,000 = 63.5344…% → 63.53%.
        Assert.Equal(63.53m, outlook.RateBy31December);
        Assert.Equal([4], outlook.BehindWithoutAgreement.Select(o => o.OrganisationId));
    }
}
