using Microsoft.EntityFrameworkCore;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Demand;

public class DemoDemandOnSqlite(StorefrontFactory factory) : DemoDemandTests<StorefrontFactory>(factory);
public class DemoDemandOnPostgreSql(PostgreSqlStorefrontFactory factory) : DemoDemandTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// The demo's supply and demand: the school's plan with three quotes, and the hospital's weekly agreement whose ten
/// past deliveries were ordered at the agreed price, paid and counted to its quota, received (one short), with the
/// weeks ahead on the cooperative's page and nothing due for the job when the demo is fresh.
/// </summary>
public abstract class DemoDemandTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task TheSchoolsPlanHasThreeQuotesFromThreeCooperatives()
    {
        Client();
        var quotes = await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.Plan.Description == DemoDemand.SchoolPlanDescription)
            .OrderBy(q => q.UnitPriceFen).Select(q => new { q.Supplier.Name, q.UnitPriceFen, q.QuantityPerDelivery }).ToListAsync());
        Assert.Equal(["洞口县雪峰山粮油专业合作社", "溆浦县雪峰山米业有限公司", "花垣县十八洞村农产品专业合作社"], quotes.Select(q => q.Name));
        Assert.Equal([510L, 530L, 560L], quotes.Select(q => q.UnitPriceFen));
        var school = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var planId = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Description == DemoDemand.SchoolPlanDescription).Select(p => p.Id).SingleAsync());
        Assert.Equal(3, (await school.GetPageAsync($"/organisation/plans/{planId}")).All("#quotes tr.quote").Count);
    }

    [SkippableFact]
    public async Task TheHospitalsAgreementHasTenPaidDeliveriesCountedToItsQuotaAndTheWeeksAheadForTheFarm()
    {
        Client();
        var agreement = await Factory.WithDbAsync(db => db.SupplyAgreements.AsNoTracking().SingleAsync(a => a.Description == DemoDemand.HospitalAgreementDescription));
        var orders = await Factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => db.StandingDeliveries.Any(d => d.AgreementId == agreement.Id && d.OrderId == o.Id)).ToListAsync());
        Assert.Equal(DemoDemand.HospitalPastDeliveries, orders.Count);
        Assert.All(orders, o => Assert.Equal((OrderStatus.Completed, 228_000L, 22_800L), (o.Status, o.TotalFen, o.Lines.Single().UnitPriceFen)));
        var counted = await Factory.WithDbAsync(async db =>
        {
            var ids = orders.Select(o => o.Id).ToList();
            return await db.QuotaEntries.Where(e => e.OrderId != null && ids.Contains(e.OrderId.Value)).SumAsync(e => e.AmountFen);
        });
        Assert.Equal(10 * 228_000L, counted);

        var hospital = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        var page = await hospital.GetPageAsync($"/organisation/agreements/{agreement.Id}");
        Assert.Equal(("10", "0", "1", "0"), (page.Text("#record-ordered"), page.Text("#record-missed"), page.Text("#record-short"), page.Text("#record-waiting")));
        var farm = await SignedInClientAsync(DemoData.SupplierEmail("chengbu"));
        var calendar = await farm.GetPageAsync($"/supplier/agreements/{agreement.Id}");
        Assert.Equal(8, calendar.All("#deliveries tr.delivery").Count);
        Assert.All(calendar.All("#deliveries .delivery-quantity"), q => Assert.Equal("10 箱", q.TextContent.Trim()));

        // Fresh, the demo has nothing due within the lead days: the job makes no order of it.
        var rows = await Factory.WithDbAsync(db => db.StandingDeliveries.AsNoTracking().Where(d => d.AgreementId == agreement.Id).ToListAsync());
        var (from, to) = StandingOrderRules.DueWindow(StandingArrange.Today, 3);
        Assert.Empty(agreement.DeliveriesBetween(from, to, rows));
    }
}
