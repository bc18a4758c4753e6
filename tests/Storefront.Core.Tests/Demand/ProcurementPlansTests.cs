using Microsoft.Extensions.Time.Testing;
using Storefront.Core.Auditing;
using Storefront.Core.Demand;
using Storefront.Core.Mail;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Organisations;
using Storefront.Core.Tests.Ordering;

namespace Storefront.Core.Tests.Demand;

public class ProcurementPlansTests
{
    // 2026-07-01 in Shanghai.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(ShanghaiTime.ToUtc(new DateTime(2026, 7, 1, 10, 0, 0)), TimeSpan.Zero));

    private static PlanInput Rice(int categoryId) => new(
        categoryId, "学生食堂大米", "早籼", 300, "公斤", DeliverySchedule.Weekly(DayOfWeek.Monday),
        new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 15), new DateOnly(2026, 8, 20), AddressId, new TimeOnly(9, 30), 650, null);

    private const int AddressId = 1;

    private static ProcurementPlans PlansOf(Storefront.Core.Data.StorefrontDbContext db) =>
        new(db, Clock, new Notifier(db, new MailQueue(db, Clock), new OrderingBuilders.PlainTexts(), Clock), new AuditLog(db, Clock));

    /// <summary>An organisation with one address (id 1), whose plans the problems are asked of.</summary>
    private static async Task<int> OrganisationAsync(Storefront.Core.Data.StorefrontDbContext db)
    {
        var organisation = new Organisation { Name = "岳麓区实验中学", CreditCode = "12430104MB1234567X", RegionCode = "430104" };
        organisation.DeliveryAddresses.Add(new DeliveryAddress { Label = "学生食堂", Address = "岳麓区实验中学", Recipient = "王师傅", Phone = "0731-1234567", IsDefault = true });
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        Assert.Equal(AddressId, organisation.DeliveryAddresses[0].Id);
        return organisation.Id;
    }

    private static async Task<IReadOnlyList<string>> ProblemsOf(Func<PlanInput, PlanInput> change)
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var category = database.Db.Categories.First().Id;
        var organisation = await OrganisationAsync(database.Db);
        var problems = await PlansOf(database.Db).ValidateAsync(organisation, change(Rice(category)));
        return problems.Select(p => $"{p.Field}:{p.Key}").ToList();
    }

    [Fact]
    public async Task AWholePlanHasNoProblem() => Assert.Empty(await ProblemsOf(p => p));

    [Fact]
    public async Task AnEndBeforeTheStartIsRefused() =>
        Assert.Equal(["EndDate:Plan.EndBeforeStart", "QuotesCloseOn:Plan.ClosesAfterEnd"], await ProblemsOf(p => p with { EndDate = new DateOnly(2026, 8, 1) }));

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    [InlineData(1_000_000_000_000)]
    public async Task AQuantityOfNothingOrBeyondAMillionIsRefused(long quantity) =>
        Assert.Equal(["QuantityPerDelivery:Plan.QuantityRange"], await ProblemsOf(p => p with { QuantityPerDelivery = quantity }));

    [Fact]
    public async Task AScheduleThatGivesNoDateInThePeriodIsRefused() =>
        Assert.Equal(["Frequency:Plan.NoDeliveryDate"], await ProblemsOf(p => p with
        {
            Schedule = DeliverySchedule.Weekly(DayOfWeek.Sunday), StartDate = new DateOnly(2026, 9, 1), EndDate = new DateOnly(2026, 9, 5), QuotesCloseOn = new DateOnly(2026, 8, 1),
        }));

    [Fact]
    public async Task AnIncompleteScheduleIsRefused() =>
        Assert.Equal(["Frequency:Plan.ScheduleIncomplete"], await ProblemsOf(p => p with { Schedule = DeliverySchedule.EveryNDays(0) }));

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public async Task ACeilingOfNothingOrLessIsRefused(long ceiling) =>
        Assert.Equal(["PriceCeiling:Plan.CeilingNotPositive"], await ProblemsOf(p => p with { PriceCeilingFen = ceiling }));

    [Fact]
    public async Task APeriodStartingInThePastOrLongerThanThreeYearsIsRefused()
    {
        Assert.Equal(["StartDate:Plan.StartInPast"], await ProblemsOf(p => p with { StartDate = new DateOnly(2026, 6, 30) }));
        Assert.Equal(["EndDate:Plan.PeriodTooLong"], await ProblemsOf(p => p with { EndDate = new DateOnly(2030, 1, 1) }));
    }

    [Fact]
    public async Task QuotesCannotCloseInThePastAndAnUnknownProvinceOrCategoryIsRefused()
    {
        Assert.Equal(["QuotesCloseOn:Plan.ClosesInPast"], await ProblemsOf(p => p with { QuotesCloseOn = new DateOnly(2026, 6, 30) }));
        Assert.Equal(["ProvinceCode:Plan.ProvinceUnknown"], await ProblemsOf(p => p with { ProvinceCode = "433127" }));
        Assert.Equal(["CategoryId:Plan.CategoryUnknown"], await ProblemsOf(p => p with { CategoryId = 987_654 }));
    }

    [Fact]
    public async Task PairedCountiesNeedSomeOnRecordAndExcludeAProvinceAndTheAddressMustBeTheOrganisations()
    {
        Assert.Equal(["ProvinceCode:Plan.NoPairedCounties"], await ProblemsOf(p => p with { PairedCountiesOnly = true }));
        Assert.Equal(["ProvinceCode:Plan.PairedAndProvince"], await ProblemsOf(p => p with { PairedCountiesOnly = true, ProvinceCode = "430000" }));
        Assert.Equal(["DeliveryAddressId:Plan.AddressRequired"], await ProblemsOf(p => p with { DeliveryAddressId = 2 }));
    }

    [Fact]
    public async Task APlanUnderWayKeepsItsStartWhenChangedButMayNotMoveItIntoThePast()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var plans = PlansOf(database.Db);
        var organisation = await OrganisationAsync(database.Db);
        var underWay = Rice(database.Db.Categories.First().Id) with { StartDate = new DateOnly(2026, 6, 1) };
        Assert.Empty(await plans.ValidateAsync(organisation, underWay, startedOn: new DateOnly(2026, 6, 1)));
        Assert.Equal(["StartDate:Plan.StartInPast"], (await plans.ValidateAsync(organisation, underWay with { StartDate = new DateOnly(2026, 5, 1) }, startedOn: new DateOnly(2026, 6, 1)))
            .Select(p => $"{p.Field}:{p.Key}"));
    }

    [Fact]
    public void APlanIsOpenUntilItsClosingDayOrUntilClosed()
    {
        var plan = new ProcurementPlan { Description = "大米", Unit = "公斤", DeliveryAddress = "食堂", PostedByUserId = "u", QuotesCloseOn = new DateOnly(2026, 8, 20) };
        Assert.True(plan.IsOpenOn(new DateOnly(2026, 8, 20)));
        Assert.False(plan.IsOpenOn(new DateOnly(2026, 8, 21)));
        Assert.True(plan.Close(DateTime.UtcNow));
        Assert.Equal(2, plan.Revision);
        Assert.False(plan.IsOpenOn(new DateOnly(2026, 8, 1)));
        Assert.False(plan.Close(DateTime.UtcNow));
        Assert.Equal(2, plan.Revision);
    }
}
