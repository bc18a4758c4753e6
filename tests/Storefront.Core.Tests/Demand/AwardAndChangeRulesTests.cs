using Storefront.Core.Demand;
using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Demand;

public class AwardAndChangeRulesTests
{
    private static readonly DateOnly Today = new(2026, 8, 20);
    private static readonly DateTime Now = new(2026, 8, 20, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>A plan of 120 boxes every Monday in September (new, so its id is 0 like the quotes' plan id below).</summary>
    private static ProcurementPlan Plan() => new()
    {
        OrganisationId = 7, CategoryId = 3, Description = "莓茶", Unit = "盒", DeliveryAddress = "学校食堂", PostedByUserId = "u",
        QuantityPerDelivery = 120, Frequency = DeliveryFrequency.Weekly, WeekdayMask = 1 << (int)DayOfWeek.Monday,
        StartDate = new(2026, 9, 7), EndDate = new(2026, 9, 28), QuotesCloseOn = new(2026, 9, 1),
    };

    private static AwardedQuote Quote(long id, int quantity, VerificationStatus supplier = VerificationStatus.Verified, QuoteStatus status = QuoteStatus.Open) =>
        new(id, 0, $"合作社{id}", supplier, quantity, status);

    private static IReadOnlyList<string> Keys(IEnumerable<DemandProblem> problems) => problems.Select(p => p.Key).ToList();

    [Fact]
    public void AnAwardSplitWithinEachQuoteAndThePlanHasNoProblem()
    {
        var problems = PlanAwards.Check(Plan(), [Quote(1, 80), Quote(2, 60)], new([new(1, 70), new(2, 50)], 3, "每季度复核"), Today);
        Assert.Empty(problems);
    }

    [Fact]
    public void AnAwardBeyondThePlansQuantitySaysHowMuchIsLeft()
    {
        var problem = Assert.Single(PlanAwards.Check(Plan(), [Quote(1, 80), Quote(2, 60)], new([new(1, 80), new(2, 60)], 2, null), Today));
        Assert.Equal("Award.BeyondPlan", problem.Key);
        Assert.Equal([120, "盒"], problem.Args);
    }

    [Fact]
    public void AnAwardAboveWhatTheQuoteOffersOrOfNothingIsRefused()
    {
        Assert.Equal(["Award.QuantityRange"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 81)], 2, null), Today)));
        Assert.Equal(["Award.QuantityRange"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, -5)], 2, null), Today)));
        Assert.Equal(["Award.NothingAwarded"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 0)], 2, null), Today)));
    }

    [Fact]
    public void APartAwardedOfATieredQuoteTakesItsTiersPriceAndNothingBelowTheLowestTierIsAwarded()
    {
        // 80 boxes quoted at ¥65.00, or ¥70.00 a box from 30 boxes a delivery: 50 awarded cost ¥70.00; 20 were never offered.
        var tiered = new AwardedQuote(1, 0, "合作社1", VerificationStatus.Verified, 80, QuoteStatus.Open, 1, 6_500, [new(30, 7_000)]);
        Assert.Equal((7_000L, 6_500L, (long?)null), (tiered.PriceFor(50)!.Value, tiered.PriceFor(80)!.Value, tiered.PriceFor(20)));
        Assert.Empty(PlanAwards.Check(Plan(), [tiered], new([new(1, 50)], 2, null), Today));
        var below = Assert.Single(PlanAwards.Check(Plan(), [tiered], new([new(1, 20)], 2, null), Today));
        Assert.Equal("Award.BelowQuoteTiers", below.Key);
        Assert.Equal(["合作社1", 30, "盒"], below.Args);

        var quote = new PlanQuote { SupplierId = 4, UnitPriceFen = 6_500, QuantityPerDelivery = 80, FirstDeliveryOn = new(2026, 9, 7) };
        quote.Tiers.Add(new QuoteTier { MinQuantity = 30, UnitPriceFen = 7_000 });
        Assert.Equal(7_000, SupplyAgreement.FromAward(Plan(), quote, 50, 2, "", "u", Now).UnitPriceFen);
        Assert.Equal(6_500, SupplyAgreement.FromAward(Plan(), quote, 80, 2, "", "u", Now).UnitPriceFen);
    }

    [Fact]
    public void AnAwardToASupplierThatDidNotQuoteOnThisPlanIsRefused()
    {
        var elsewhere = new AwardedQuote(9, 42, "别的需求的合作社", VerificationStatus.Verified, 80, QuoteStatus.Open);
        Assert.Equal(["Award.NotAQuote"], Keys(PlanAwards.Check(Plan(), [elsewhere], new([new(9, 10)], 2, null), Today)));
        Assert.Equal(["Award.NotAQuote"], Keys(PlanAwards.Check(Plan(), [], new([new(10, 10)], 2, null), Today)));
    }

    [Fact]
    public void AnAwardToASuspendedOrUnverifiedSupplierOrADecidedQuoteIsRefused()
    {
        AwardInput Ten(long id) => new([new(id, 10)], 2, null);
        Assert.Equal(["Award.SupplierSuspended"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80, VerificationStatus.Suspended)], Ten(1), Today)));
        Assert.Equal(["Award.SupplierNotVerified"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80, VerificationStatus.Pending)], Ten(1), Today)));
        Assert.Equal(["Award.AlreadyAwarded"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80, status: QuoteStatus.Awarded)], Ten(1), Today)));
        Assert.Equal(["Award.QuoteRejected"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80, status: QuoteStatus.Rejected)], Ten(1), Today)));
    }

    [Fact]
    public void AQuoteRevisedSinceThePageWasReadIsNotAwarded()
    {
        var revisedTwice = Quote(1, 80) with { Revision = 2 };
        Assert.Equal(["Award.QuoteRevised"], Keys(PlanAwards.Check(Plan(), [revisedTwice], new([new(1, 10, SeenRevision: 1)], 2, null), Today)));
        Assert.Empty(PlanAwards.Check(Plan(), [revisedTwice], new([new(1, 10, SeenRevision: 2)], 2, null), Today));
    }

    [Fact]
    public void TheTermsOfChangeAtAwardAreBoundedAndAPlanOverIsNoLongerAwarded()
    {
        Assert.Equal(["Award.NoticeRange"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 10)], 61, null), Today)));
        Assert.Equal(["Award.NoticeRange"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 10)], -1, null), Today)));
        Assert.Empty(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 10)], 60, new string('复', 200)), Today));
        Assert.Equal(["Award.PriceReviewTooLong"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 10)], 0, new string('复', 201)), Today)));
        Assert.Equal(["Award.PlanOver"], Keys(PlanAwards.Check(Plan(), [Quote(1, 80)], new([new(1, 10)], 2, null), new DateOnly(2026, 9, 29))));
    }

    private static SupplyAgreement Agreement()
    {
        var plan = Plan();
        var quote = new PlanQuote { SupplierId = 11, UnitPriceFen = 6500, QuantityPerDelivery = 80, FirstDeliveryOn = plan.StartDate };
        return SupplyAgreement.FromAward(plan, quote, 70, 2, "", "buyer", Now);
    }

    [Fact]
    public void ProposedTermsMustKeepAPeriodAheadWithADeliveryAndAReason()
    {
        var terms = Agreement().Terms;
        Assert.Empty(AgreementChanges.Check(terms with { UnitPriceFen = 6800 }, "化肥涨价", Today));
        Assert.Equal(["Change.ReasonRequired"], Keys(AgreementChanges.Check(terms, " ", Today)));
        Assert.Equal(["Change.PriceRequired"], Keys(AgreementChanges.Check(terms with { UnitPriceFen = 0 }, "x", Today)));
        Assert.Equal(["Plan.QuantityRange"], Keys(AgreementChanges.Check(terms with { QuantityPerDelivery = 1_000_001 }, "x", Today)));
        Assert.Equal(["Plan.EndBeforeStart"], Keys(AgreementChanges.Check(terms with { EndDate = new(2026, 9, 6) }, "x", Today)));
        Assert.Equal(["Change.EndInPast"], Keys(AgreementChanges.Check(terms with { EndDate = new(2026, 9, 10) }, "x", new DateOnly(2026, 9, 11))));
        // Sundays only, from Monday 7 to Saturday 12 September: no delivery left.
        Assert.Equal(["Plan.NoDeliveryDate"], Keys(AgreementChanges.Check(terms with { Schedule = DeliverySchedule.Weekly(DayOfWeek.Sunday), EndDate = new(2026, 9, 12) }, "x", Today)));
        Assert.Equal(["Award.NoticeRange"], Keys(AgreementChanges.Check(terms with { ChangeNoticeDays = 61 }, "x", Today)));
        Assert.Equal(["Change.ReasonTooLong"], Keys(AgreementChanges.Check(terms, new string('因', 501), Today)));
    }

    [Fact]
    public void TermsAreTheSameWhenEveryPartIsAndWeekdaysCompareAsASet()
    {
        var terms = Agreement().Terms;
        Assert.True(AgreementChanges.Same(terms, terms with { Schedule = DeliverySchedule.Weekly(DayOfWeek.Monday) }));
        Assert.False(AgreementChanges.Same(terms, terms with { Schedule = DeliverySchedule.Weekly(DayOfWeek.Monday, DayOfWeek.Thursday) }));
        Assert.False(AgreementChanges.Same(terms, terms with { PriceReview = "每季度复核" }));
        Assert.False(AgreementChanges.Same(terms, terms with { QuantityPerDelivery = 71 }));
    }

    [Fact]
    public void AnAcceptedRequestBecomesTheNextVersionWithItsReasonAndIsDecidedOnlyOnce()
    {
        var agreement = Agreement();
        var request = AgreementChangeRequest.Propose(agreement, AgreementSide.Supplier, agreement.Terms with { UnitPriceFen = 6800 }, "化肥涨价", "coop", Now);
        Assert.Equal((AgreementSide.Supplier, AgreementSide.Organisation, 1, ChangeRequestStatus.Pending), (request.RequestedBy, request.DecidedBy, request.BasedOnVersion, request.Status));

        agreement.Change(request.Terms, request.Reason, "buyer", Now.AddHours(1));
        request.Decide(ChangeRequestStatus.Accepted, "buyer", Now.AddHours(1));
        Assert.Equal((2, 6800L), (agreement.Version, agreement.UnitPriceFen));
        Assert.Equal([(1, 6500L, ""), (2, 6800L, "化肥涨价")], agreement.Versions.Select(v => (v.Version, v.UnitPriceFen, v.Reason)));
        Assert.Throws<InvalidOperationException>(() => request.Decide(ChangeRequestStatus.Withdrawn, "coop", Now.AddHours(2)));
    }
}
