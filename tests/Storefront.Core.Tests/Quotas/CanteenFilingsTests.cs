using Microsoft.EntityFrameworkCore;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class CanteenFilingsTests
{
    private static CanteenFilings.Input Canteen(long baseFen, int? pledge = null) => new(FilingKind.Canteen, baseFen, null, pledge);

    [Fact]
    public async Task ACanteenFilingNeedsAPositiveBaseAndAPledgeNotBelowTheRule()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 1500);

        Assert.Equal(CanteenFilings.Problem.BaseRequired, Assert.Single(await data.Filings.ValidateAsync(school.Id, 2026, new(FilingKind.Canteen, null, null, null))).Problem);
        Assert.Equal(CanteenFilings.Problem.BaseOutOfRange, Assert.Single(await data.Filings.ValidateAsync(school.Id, 2026, Canteen(0))).Problem);
        var pledge = Assert.Single(await data.Filings.ValidateAsync(school.Id, 2026, Canteen(100_000, pledge: 1200)));
        Assert.Equal(("Pledge", CanteenFilings.Problem.PledgeBelowRule), (pledge.Field, pledge.Problem));
        Assert.Empty(await data.Filings.ValidateAsync(school.Id, 2026, Canteen(100_000, pledge: 2000)));
        Assert.Equal(CanteenFilings.Problem.YearOutOfRange, Assert.Single(await data.Filings.ValidateAsync(school.Id, 2028, Canteen(100_000))).Problem);
    }

    [Fact]
    public async Task ApprovalFixesTheRatioAndTheQuotaSoALaterRuleChangeDoesNotMoveIt()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 1500);
        var (filing, problems) = await data.Filings.SubmitAsync(school.Id, 2026, Canteen(200_000_000), "u1");
        Assert.Empty(problems);
        await database.Db.SaveChangesAsync();
        Assert.Equal(FilingStatus.Submitted, filing!.Status);
        Assert.Null(filing.ReservedFen);

        await data.Filings.ApproveAsync(filing, "admin");
        await database.Db.SaveChangesAsync();
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 2000);
        var stored = await database.Db.CanteenFilings.AsNoTracking().SingleAsync(f => f.Id == filing.Id);
        Assert.Equal((FilingStatus.Approved, 1500, 30_000_000L), (stored.Status, stored.AppliedRatioBasisPoints, stored.ReservedFen));
    }

    [Fact]
    public async Task APledgeAboveTheRuleRaisesTheQuota()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        var filing = await data.ApprovedFilingAsync(school.Id, 2026, 1_000_000, pledge: 1800);
        Assert.Equal((1800, 180_000L), (filing.AppliedRatioBasisPoints, filing.ReservedFen));
    }

    [Fact]
    public async Task NotLowerThanLastYearKeepsLastYearsApprovedQuota()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        await data.ApprovedFilingAsync(school.Id, 2025, 5_000_000);
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 1000, notBelowLastYear: true);
        var filing = await data.ApprovedFilingAsync(school.Id, 2026, 3_000_000);
        Assert.Equal(500_000, filing.ReservedFen);
    }

    [Fact]
    public async Task AfterTheDeadlineOnlyAReturnedFilingCanBeFiledAgainAndAnApprovedOneNever()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var (school, hospital, agency) = (await database.Db.AddOrganisationAsync(), await database.Db.AddOrganisationAsync(OrganisationType.Hospital), await database.Db.AddOrganisationAsync(OrganisationType.Agency));
        var (returned, _) = await data.Filings.SubmitAsync(hospital.Id, 2026, Canteen(1_000_000), null);
        data.Filings.Return(returned!, "附件不全", "admin");
        await data.ApprovedFilingAsync(agency.Id, 2026, 1_000_000);
        database.Db.QuotaYears.Add(new QuotaYear { Year = 2026, FilingDeadline = new DateOnly(2026, 6, 30) });
        await database.Db.SaveChangesAsync();

        Assert.False(await data.Filings.IsOpenAsync(2026));
        Assert.Equal(CanteenFilings.Problem.DeadlinePassed, Assert.Single((await data.Filings.SubmitAsync(school.Id, 2026, Canteen(1_000_000), null)).Problems).Problem);
        Assert.Equal(CanteenFilings.Problem.AlreadyApproved, Assert.Single((await data.Filings.SubmitAsync(agency.Id, 2026, Canteen(2_000_000), null)).Problems).Problem);
        var (again, problems) = await data.Filings.SubmitAsync(hospital.Id, 2026, Canteen(1_200_000), null);
        Assert.Empty(problems);
        Assert.Equal((FilingStatus.Submitted, (string?)null), (again!.Status, again.ReturnReason));
    }

    [Fact]
    public async Task TheDeadlineDayItselfIsStillOpenInShanghai()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db, new DateTime(2026, 6, 30, 23, 30, 0));
        database.Db.QuotaYears.Add(new QuotaYear { Year = 2026, FilingDeadline = new DateOnly(2026, 6, 30) });
        await database.Db.SaveChangesAsync();
        Assert.True(await data.Filings.IsOpenAsync(2026));
        data.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await data.Filings.IsOpenAsync(2026));
    }

    [Fact]
    public async Task SharingACanteenIsOneLevelDeepAndNeverWithOneself()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var (host, guest, third) = (await database.Db.AddOrganisationAsync(OrganisationType.Agency), await database.Db.AddOrganisationAsync(OrganisationType.Agency), await database.Db.AddOrganisationAsync(OrganisationType.Agency));
        Assert.Equal(CanteenFilings.Problem.HostIsSelf, Assert.Single(await data.Filings.ValidateAsync(host.Id, 2026, new(FilingKind.SharesCanteen, null, host.Id, null))).Problem);
        Assert.Equal(CanteenFilings.Problem.HostRequired, Assert.Single(await data.Filings.ValidateAsync(host.Id, 2026, new(FilingKind.SharesCanteen, null, null, null))).Problem);
        Assert.Equal(CanteenFilings.Problem.HostUnknown, Assert.Single(await data.Filings.ValidateAsync(host.Id, 2026, new(FilingKind.SharesCanteen, null, 999_999, null))).Problem);

        await data.ApprovedFilingAsync(host.Id, 2026, 1_000_000);
        await data.Filings.ImportAsync(guest.Id, 2026, new(FilingKind.SharesCanteen, null, host.Id, null), null);
        await database.Db.SaveChangesAsync();
        Assert.Equal(CanteenFilings.Problem.HostSharesToo, Assert.Single(await data.Filings.ValidateAsync(third.Id, 2026, new(FilingKind.SharesCanteen, null, guest.Id, null))).Problem);
        Assert.Equal(CanteenFilings.Problem.HostedByOthers, Assert.Single(await data.Filings.ValidateAsync(host.Id, 2026, new(FilingKind.NoCanteen, null, null, null))).Problem);
    }

    [Fact]
    public async Task TheDatabaseRefusesAFilingThatContradictsItsKind()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        database.Db.CanteenFilings.Add(new CanteenFiling { OrganisationId = school.Id, Year = 2026, Kind = FilingKind.Canteen, BaseFen = null, Status = FilingStatus.Submitted });
        await Assert.ThrowsAsync<DbUpdateException>(() => database.Db.SaveChangesAsync());
    }
}
