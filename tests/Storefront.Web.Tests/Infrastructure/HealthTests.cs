using System.Net;
using System.Text.Json;

namespace Storefront.Web.Tests.Infrastructure;

public class HealthOnSqlite(StorefrontFactory factory) : HealthTests<StorefrontFactory>(factory);
public class HealthOnPostgreSql(PostgreSqlStorefrontFactory factory) : HealthTests<PostgreSqlStorefrontFactory>(factory);

public abstract class HealthTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task HealthzReportsTheDatabaseAndItsProvider()
    {
        var response = await Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(Factory.Provider.ToString(), json.RootElement.GetProperty("database").GetProperty("provider").GetString());
    }
}

/// <summary>A shop whose database cannot be reached: it starts (migration off), and says so on /healthz.</summary>
public class UnreachableDatabaseFactory : StorefrontFactory
{
    protected override bool WithDemoData => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectionStrings:Storefront", "Data Source=/nonexistent/storefront/unreachable.db;Mode=ReadWrite"),
        new("Database:MigrateOnStart", "false"),
        new("Demo:Seed", "false"),
    ];
}

public class UnreachableDatabaseTests(UnreachableDatabaseFactory factory) : IClassFixture<UnreachableDatabaseFactory>
{
    [Fact]
    public async Task HealthzAnswers503WhenTheDatabaseIsDown()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("database").GetProperty("status").GetString());
    }
}
