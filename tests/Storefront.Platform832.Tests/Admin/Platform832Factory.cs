using Storefront.Platform832.Simulator;

namespace Storefront.Platform832.Tests.Admin;

/// <summary>The shop on a copy of the demo database, configured against its own simulator; jobs are run by the tests.</summary>
public class Platform832Factory : StorefrontFactory
{
    public const string UnmatchedBuyer = "11430000006151219X";

    public RunningSimulator Simulator { get; } = Platform832StandIn.Start(o =>
    {
        o.BudgetUnits = [new() { CreditCode = UnmatchedBuyer, Name = "湖南省某某医院", UnitType = "HOSPITAL" }];
        o.Seed = 7;
    });

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => Platform832StandIn.Settings(Simulator);

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
