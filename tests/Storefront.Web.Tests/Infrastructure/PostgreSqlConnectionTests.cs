using Npgsql;
using Storefront.Web.Setup;

namespace Storefront.Web.Tests.Infrastructure;

/// <summary>
/// PostgreSQL's statements are prepared after their second use, not JIT-compiled, and a pooled connection's session is
/// not reset at each return, unless the connection string says otherwise (issue 13).
/// </summary>
public class PostgreSqlConnectionTests
{
    [Fact]
    public void AConnectionStringWithoutASayOnPreparationPreparesStatementsUsedTwice()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DataSetup.WithPreparedStatements("Host=db;Database=storefront;Username=shop"));
        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("-c jit=off", tuned.Options);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("storefront", tuned.Database);
    }

    [Fact]
    public void AConnectionStringThatSaysHowToPrepareIsLeftAsItIs()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DataSetup.WithPreparedStatements("Host=db;Database=storefront;Max Auto Prepare=0;Options=-c jit=on;No Reset On Close=false"));
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.Equal("-c jit=on", chosen.Options);
        Assert.False(chosen.NoResetOnClose);
    }
}
