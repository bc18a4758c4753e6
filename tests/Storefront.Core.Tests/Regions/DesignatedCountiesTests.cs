using Microsoft.EntityFrameworkCore;
using Storefront.Core.Regions;
using static Storefront.Core.Regions.DesignatedCounties;

namespace Storefront.Core.Tests.Regions;

public class DesignatedCountiesTests
{
    private static async Task<(InMemoryDatabase Database, DesignatedCounties Counties)> WithYongshunDesignatedAsync()
    {
        var database = await InMemoryDatabase.CreateAsync();
        database.Db.DesignatedCounties.Add(new DesignatedCounty { CountyCode = "433127", Source = "test", AddedAtUtc = DateTime.UtcNow });
        await database.Db.SaveChangesAsync();
        return (database, new DesignatedCounties(database.Db, TimeProvider.System));
    }

    [Theory]
    [InlineData("433127", Verdict.Designated)]
    [InlineData("430104", Verdict.NotDesignated)]
    [InlineData("430000", Verdict.NotACounty)]
    [InlineData("433100", Verdict.NotACounty)]
    [InlineData("999999", Verdict.UnknownCode)]
    [InlineData("43312x", Verdict.MalformedCode)]
    [InlineData("4331270", Verdict.MalformedCode)]
    [InlineData(null, Verdict.MalformedCode)]
    public async Task AcceptsOnlyADesignatedCountyAsOrigin(string? code, Verdict expected)
    {
        var (database, counties) = await WithYongshunDesignatedAsync();
        await using var _ = database;
        Assert.Equal(expected, await counties.CheckAsync(code));
    }

    [Fact]
    public async Task ImportsAListWithAHeaderAndSkipsCountiesAlreadyListed()
    {
        var (database, counties) = await WithYongshunDesignatedAsync();
        await using var _ = database;
        var result = await counties.ImportAsync(new StringReader("code,name\n433127,永顺县\n522722,荔波县\n\n522723,贵定县\n"), "test");
        await database.Db.SaveChangesAsync();
        Assert.Equal((2, 1), (result.Added, result.AlreadyListed));
        Assert.Empty(result.Refused);
        Assert.Equal(3, await database.Db.DesignatedCounties.CountAsync());
    }

    [Fact]
    public async Task RefusesTheWholeListWhenAnyLineIsWrong()
    {
        var (database, counties) = await WithYongshunDesignatedAsync();
        await using var _ = database;
        var result = await counties.ImportAsync(new StringReader("522722\n52272\n999999\n"), "test");
        await database.Db.SaveChangesAsync();
        Assert.Equal([new ImportRow(2, "52272", "MalformedCode"), new ImportRow(3, "999999", "UnknownCounty")], result.Refused);
        Assert.Equal(1, await database.Db.DesignatedCounties.CountAsync());
    }
}
