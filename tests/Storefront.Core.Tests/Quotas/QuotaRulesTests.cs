using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class QuotaRulesTests
{
    // 长沙市岳麓区 (430104) in 长沙市 (430100), 湖南省 (430000); 永顺县 (433127) in 湘西州 (433100).
    private static readonly QuotaRules.Place Yuelu = new("430104", "430100", "430000");

    private static QuotaRule Rule(RuleLevel level, string region, int ratio, int year = 2026) =>
        new() { Year = year, Level = level, RegionCode = region, RatioBasisPoints = ratio };

    [Fact]
    public void WithoutAnyRuleTheNationalFloorOfTenPercentApplies()
    {
        var applied = QuotaRules.Resolve([], Yuelu);
        Assert.Equal((1000, RuleLevel.National), (applied.RatioBasisPoints, applied.Level));
    }

    [Fact]
    public void TheMostSpecificRuleForTheOrganisationsCountyApplies()
    {
        var rules = new[]
        {
            Rule(RuleLevel.National, QuotaRule.NationalCode, 1000),
            Rule(RuleLevel.Province, "430000", 1500),
            Rule(RuleLevel.Prefecture, "430100", 2000),
            Rule(RuleLevel.County, "430104", 3000),
            Rule(RuleLevel.County, "430105", 5000),
            Rule(RuleLevel.Province, "520000", 4000),
        };
        Assert.Equal(3000, QuotaRules.Resolve(rules, Yuelu).RatioBasisPoints);
        Assert.Equal(2000, QuotaRules.Resolve(rules.Where(r => r.RegionCode != "430104"), Yuelu).RatioBasisPoints);
        Assert.Equal(1500, QuotaRules.Resolve(rules.Where(r => r.Level < RuleLevel.Prefecture), Yuelu).RatioBasisPoints);
        // A county administered directly by its province has no prefecture.
        Assert.Equal(1500, QuotaRules.Resolve(rules, new QuotaRules.Place("429004", null, "420000") with { ProvinceCode = "430000" }).RatioBasisPoints);
    }

    [Fact]
    public async Task AResolvedRuleCarriesNotLowerThanLastYear()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync(region: "430104");
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 1500, notBelowLastYear: true);
        var applied = await data.Rules.ForOrganisationAsync(school.Id, 2026);
        Assert.Equal((1500, RuleLevel.Province, "430000", true), (applied.RatioBasisPoints, applied.Level, applied.RegionCode, applied.NotBelowLastYear));
        Assert.Equal(1000, (await data.Rules.ForOrganisationAsync(school.Id, 2025)).RatioBasisPoints);
    }

    [Fact]
    public async Task ARuleMayNotRequireLessThanTheJurisdictionAboveNorMoreThanOneInside()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        await data.RuleAsync(2026, RuleLevel.Province, "430000", 1500);
        await data.RuleAsync(2026, RuleLevel.County, "433127", 3000);

        var below = await data.Rules.ValidateAsync(2026, RuleLevel.Prefecture, "430100", 1200);
        Assert.Equal(QuotaRules.Problem.BelowEnclosingRule, Assert.Single(below).Problem);
        Assert.Equal("430000", below[0].OtherRegionCode);

        var above = await data.Rules.ValidateAsync(2026, RuleLevel.Prefecture, "433100", 3500);
        Assert.Equal((QuotaRules.Problem.AboveEnclosedRule, "433127"), (Assert.Single(above).Problem, above[0].OtherRegionCode));

        var raiseProvince = await data.Rules.ValidateAsync(2026, RuleLevel.Province, "430000", 3100);
        Assert.Contains(raiseProvince, p => p.Problem == QuotaRules.Problem.AboveEnclosedRule);

        Assert.Empty(await data.Rules.ValidateAsync(2026, RuleLevel.Prefecture, "433100", 2000));
        Assert.Contains(await data.Rules.ValidateAsync(2026, RuleLevel.County, "430104", 900), p => p.Problem == QuotaRules.Problem.BelowEnclosingRule);
    }

    [Fact]
    public async Task ARuleNeedsAKnownRegionOfItsLevelAndARatioUpToAHundredPercent()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        Assert.Equal(QuotaRules.Problem.LevelMismatch, Assert.Single(await data.Rules.ValidateAsync(2026, RuleLevel.Province, "430104", 1500)).Problem);
        Assert.Equal(QuotaRules.Problem.RegionUnknown, Assert.Single(await data.Rules.ValidateAsync(2026, RuleLevel.County, "999999", 1500)).Problem);
        Assert.Equal(QuotaRules.Problem.RatioOutOfRange, Assert.Single(await data.Rules.ValidateAsync(2026, RuleLevel.National, QuotaRule.NationalCode, 10_001)).Problem);
        Assert.Equal(QuotaRules.Problem.YearOutOfRange, Assert.Single(await data.Rules.ValidateAsync(2019, RuleLevel.National, QuotaRule.NationalCode, 1000)).Problem);
    }
}
