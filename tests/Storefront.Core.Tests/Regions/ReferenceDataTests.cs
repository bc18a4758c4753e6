using Storefront.Core.ReferenceData;
using Storefront.Core.Regions;

namespace Storefront.Core.Tests.Regions;

public class ReferenceDataTests
{
    private static readonly IReadOnlyList<AdministrativeDivision> Divisions = ReferenceDataLoader.ReadDivisions();

    [Fact]
    public void HoldsEveryGbT2260Code()
    {
        Assert.Equal(3213, Divisions.Count);
        Assert.Equal(34, Divisions.Count(d => d.Level == DivisionLevel.Province));
        Assert.All(Divisions, d => Assert.True(AdministrativeDivision.IsWellFormedCode(d.Code)));
        Assert.Equal(Divisions.Count, Divisions.Select(d => d.Code).Distinct().Count());
    }

    [Fact]
    public void KnowsTheProvinceAndPrefectureOfACounty()
    {
        var yongshun = Divisions.Single(d => d.Code == "433127");
        Assert.Equal(("永顺县", DivisionLevel.County, "430000", "湖南省", "433100", "湘西土家族苗族自治州"),
            (yongshun.Name, yongshun.Level, yongshun.ProvinceCode, yongshun.ProvinceName, yongshun.PrefectureCode, yongshun.PrefectureName));
        Assert.Equal("湖南省 湘西土家族苗族自治州 永顺县", yongshun.FullName);
    }

    [Fact]
    public void GivesDirectlyAdministeredCountiesNoPrefecture()
    {
        var jiyuan = Divisions.Single(d => d.Code == "419001");
        Assert.Null(jiyuan.PrefectureCode);
        Assert.Equal("河南省 济源市", jiyuan.FullName);
    }

    [Fact]
    public void EveryPrefectureCodeOfACountyIsAPrefecture()
    {
        var prefectures = Divisions.Where(d => d.Level == DivisionLevel.Prefecture).Select(d => d.Code).ToHashSet();
        Assert.All(Divisions.Where(d => d.PrefectureCode is not null), d => Assert.Contains(d.PrefectureCode!, prefectures));
    }

    [Fact]
    public void TheDemoDesignatedCountiesAreCountiesOfHunan()
    {
        var counties = ReferenceDataLoader.ReadDemoDesignatedCounties();
        Assert.Equal(39, counties.Count);
        var byCode = Divisions.ToDictionary(d => d.Code);
        Assert.All(counties, code =>
        {
            Assert.Equal(DivisionLevel.County, byCode[code].Level);
            Assert.Equal("430000", byCode[code].ProvinceCode);
        });
    }
}
