using Microsoft.EntityFrameworkCore;
using Storefront.Core.Demand;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Catalog;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Demand;

// The catalog tests' quiet factories: jobs off, so the statements heard are the run's own.
public class StandingOrderStatementsOnSqlite(BuyerCatalogOnSqlite.QuietFactory factory) : StandingOrderStatementsTests<BuyerCatalogOnSqlite.QuietFactory>(factory);
public class StandingOrderStatementsOnPostgreSql(BuyerCatalogOnPostgreSql.QuietFactory factory) : StandingOrderStatementsTests<BuyerCatalogOnPostgreSql.QuietFactory>(factory);

/// <summary>
/// The hourly standing-order run reads every active agreement and their rows in two statements, however many agreements
/// there are: most runs order nothing, and must not read each agreement on its own to find that out.
/// </summary>
public abstract class StandingOrderStatementsTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory, IHearsCommands
{
    [SkippableFact]
    public async Task ARunWithNothingDueReadsAllAgreementsInTwoStatements()
    {
        Client();
        var school = await Factory.OrganisationIdAsync("长沙市岳麓区实验中学");
        var (supplierId, _) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(supplierId);
        // Three agreements delivering ten days from today: beyond the school's lead of three days, so nothing is due.
        for (var i = 0; i < 3; i++)
            await Factory.AddAgreementAsync(school, supplierId, listingId, 6_000, 10, DemoData.MemberEmail("school", "buyer"), 2, StandingArrange.Today.AddDays(10));
        // Whatever else was due (the demo's own agreement) is ordered or held by a first run.
        await Factory.Services.RunStandingOrdersAsync();
        var active = await Factory.WithDbAsync(db => db.SupplyAgreements.CountAsync(a => a.Status == AgreementStatus.Active));
        Assert.True(active >= 4, $"{active} active agreements");

        StandingOrders.Run run;
        using (Factory.Commands.Start())
        {
            run = await Factory.Services.RunStandingOrdersAsync();
            Assert.Equal(2, Factory.Commands.Texts.Count);
        }
        // A delivery held by the first run (short of stock) is told once: the second only counts it.
        Assert.Equal((0, 0), (run.Made, run.MadeElsewhere));
    }
}
