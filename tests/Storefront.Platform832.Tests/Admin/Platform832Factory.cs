using Storefront.Platform832.Simulator;

namespace Storefront.Platform832.Tests.Admin;

/// <summary>The shop on a copy of the demo database, configured against its own simulator; jobs are run by the tests.</summary>
public class Platform832Factory : StorefrontFactory
{
    public const string UnmatchedBuyer = "11430000006151219X";

    public RunningSimulator Simulator { get; } = SimulatorApp.StartAsync(o =>
    {
        o.AppKey = AdapterHarness.AppKey;
        o.AppSecret = AdapterHarness.AppSecret;
        o.RequestsPerSecond = 1000;
        o.Burst = 1000;
        o.Audit.Mode = "Manual";
        o.AutoOnboardSuppliers = true;
        o.BudgetUnits = [new() { CreditCode = UnmatchedBuyer, Name = "湖南省某某医院", UnitType = "HOSPITAL" }];
        o.Seed = 7;
    }).GetAwaiter().GetResult();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Platform832:BaseUrl", Simulator.BaseUrl.ToString()),
        new("Platform832:AppKey", AdapterHarness.AppKey),
        new("Platform832:AppSecret", AdapterHarness.AppSecret),
        new("Platform832:PublicBaseUrl", "https://storefront.test/"),
        new("Platform832:RequestsPerSecond", "1000"),
        new("Platform832:MaxAttempts", "2"),
        new("Platform832:FaultAttempts", "1"),
        new("Platform832:SyncRetryBaseDelay", "00:00:00"),
        new("Platform832:SyncRetryMaxDelay", "00:00:00"),
        new("Jobs:Enabled", "false"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

public class PostgreSqlPlatform832Factory : Platform832Factory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
