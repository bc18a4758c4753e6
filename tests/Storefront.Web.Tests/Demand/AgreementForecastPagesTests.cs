using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Payments;
using Storefront.Web.Tests.Suppliers;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Demand;

public class AgreementForecastPagesOnSqlite(StorefrontFactory factory) : AgreementForecastPagesTests<StorefrontFactory>(factory);
public class AgreementForecastPagesOnPostgreSql(PostgreSqlStorefrontFactory factory) : AgreementForecastPagesTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// What signed agreements bring, through HTTP: the quota page's and the admins' forecast to 31 December, the list of
/// organisations behind pace without an agreement, the supplier's delivery calendar (its own only), and the registered
/// households beside the impact figures. Agreements are made straight from a plan and a quote, as an award would.
/// </summary>
public abstract class AgreementForecastPagesTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static DateOnly Today => ShanghaiTime.DateOf(DateTime.UtcNow);

    /// <summary>A plan of the organisation, the supplier's quote on it and the agreement its award makes, saved.</summary>
    private Task<long> AgreementAsync(int organisationId, int supplierId, int? listingId, long priceFen, int quantity, DeliverySchedule schedule,
        DateOnly start, DateOnly end, string description, string unit) =>
        Factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).FirstAsync();
            var category = await db.Categories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var plan = new ProcurementPlan
            {
                OrganisationId = organisationId, CategoryId = category, Description = description, Unit = unit, DeliveryAddress = "食堂",
                QuantityPerDelivery = quantity, Frequency = schedule.Frequency, WeekdayMask = schedule.WeekdayMask, IntervalDays = schedule.IntervalDays,
                DayOfMonth = schedule.DayOfMonth, StartDate = start, EndDate = end, QuotesCloseOn = start.AddDays(-1), PostedByUserId = userId,
                PostedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.ProcurementPlans.Add(plan);
            await db.SaveChangesAsync();
            var quote = new PlanQuote
            {
                PlanId = plan.Id, SupplierId = supplierId, UnitPriceFen = priceFen, QuantityPerDelivery = quantity, FirstDeliveryOn = start,
                ListingId = listingId, PlanRevision = 1, SubmittedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow, Revision = 1,
            };
            db.PlanQuotes.Add(quote);
            await db.SaveChangesAsync();
            var agreement = SupplyAgreement.FromAward(plan, quote, quantity, 2, "", userId, DateTime.UtcNow);
            db.SupplyAgreements.Add(agreement);
            await db.SaveChangesAsync();
            return agreement.Id;
        });

    private Task WriteDeliveryAsync(long agreementId, DateOnly date, int quantity, StandingDeliveryStatus status, long? orderId = null) =>
        Factory.WithDbAsync(async db =>
        {
            db.StandingDeliveries.Add(new StandingDelivery
            {
                AgreementId = agreementId, DeliveryDate = date, Quantity = quantity, Status = status, OrderId = orderId, UpdatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>A purchase of 200 kg of 洞口香米 (¥1,040.00) by a new buyer of the hospital; paid by a recorded transfer when asked.</summary>
    private async Task<long> RiceOrderAsync(bool paid)
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Rice)}, 200");
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        if (paid)
        {
            var admin = await SignedInClientAsync(DemoData.AdminEmail);
            await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}"))
                .SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        }
        var order = await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => new { o.Id, o.TotalFen, o.PaidAtUtc }).SingleAsync());
        Assert.Equal((104_000L, paid), (order.TotalFen, order.PaidAtUtc is not null));
        return order.Id;
    }

    [SkippableFact]
    public async Task TheQuotaPageAndTheDashboardAddTheAgreementsCommittedUnpaidDeliveriesByThe31stOfDecember()
    {
        Client();
        var year = Today.Year;
        await Factory.WithoutApprovalAsync(Hospital);
        var hospital = await Factory.OrganisationIdAsync(Hospital);
        // The hospital's quota: ¥97,000.00; ¥60,000.00 counted (a correction stands in for earlier payments, the demo's
        // paid standing orders among them). The demo's weekly agreement is ended, so only this test's deliveries are ahead.
        await Factory.WithDbAsync(async db =>
        {
            var demoCounted = await db.QuotaEntries.Where(e => e.OrganisationId == hospital && e.Year == year).SumAsync(e => e.AmountFen);
            foreach (var demo in await db.SupplyAgreements.Where(a => a.OrganisationId == hospital && a.Status == AgreementStatus.Active).ToListAsync())
                demo.End("测试前终止", "test", DateTime.UtcNow);
            await db.CanteenFilings.Where(f => f.OrganisationId == hospital && f.Year == year).ExecuteDeleteAsync();
            db.CanteenFilings.Add(new CanteenFiling
            {
                OrganisationId = hospital, Year = year, Kind = FilingKind.Canteen, BaseFen = 97_000_000, Status = FilingStatus.Approved,
                AppliedRatioBasisPoints = 1000, ReservedFen = 9_700_000, SubmittedAtUtc = DateTime.UtcNow, ReviewedAtUtc = DateTime.UtcNow,
            });
            db.QuotaEntries.Add(new QuotaEntry
            {
                OrganisationId = hospital, Kind = QuotaEntryKind.AdminCorrection, AmountFen = 6_000_000 - demoCounted, OccurredAtUtc = DateTime.UtcNow, Year = year,
                Month = Today.Month, SourceKey = $"test-forecast-{Guid.NewGuid():N}", RecordedAtUtc = DateTime.UtcNow, Note = "测试",
            });
            await db.SaveChangesAsync();
        });
        var paidOrder = await RiceOrderAsync(paid: true);     // counted: + ¥1,040.00
        var unpaidOrder = await RiceOrderAsync(paid: false);

        // 200 kg of rice at ¥5.20 every day for four days from today, from 洞口县 (designated), on its listing:
        //   today        ordered and paid      → in the ledger already, left out
        //   today + 1    skipped               → left out
        //   today + 2    ordered, not paid     → 200 kg
        //   today + 3    scheduled             → 200 kg
        // 400 kg × 520 fen = 208,000 fen = ¥2,080.00.
        // The same from a cooperative registered in 天心区 (430103, not designated), on no listing: nothing counts.
        var riceListing = await Factory.ListingIdAsync(Rice);
        var dongkou = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == riceListing).Select(l => l.SupplierId).SingleAsync());
        var daily = DeliverySchedule.EveryNDays(1);
        var rice = await AgreementAsync(hospital, dongkou, riceListing, 520, 200, daily, Today, Today.AddDays(3), "大米", "kg");
        await WriteDeliveryAsync(rice, Today, 200, StandingDeliveryStatus.Ordered, paidOrder);
        await WriteDeliveryAsync(rice, Today.AddDays(1), 200, StandingDeliveryStatus.Skipped);
        await WriteDeliveryAsync(rice, Today.AddDays(2), 200, StandingDeliveryStatus.Ordered, unpaidOrder);
        var (outsider, _) = await Factory.AddSupplierAsync();
        await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == outsider).ExecuteUpdateAsync(u => u.SetProperty(s => s.CountyCode, "430103")));
        await AgreementAsync(hospital, outsider, null, 1_000, 100, daily, Today, Today.AddDays(3), "猪肉", "kg");

        // Counted 6,000,000 + 104,000 = 6,104,000 fen. With the agreements: (6,104,000 + 208,000) ÷ 9,700,000
        // = 65.0721…% → 65.07%. (On 30 and 31 December fewer of the four days are in the year.)
        var inYear = Enumerable.Range(2, 2).Count(d => Today.AddDays(d).Year == year);
        var adds = inYear * 200 * 520L;
        var member = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var page = await member.GetPageAsync("/quota");
        Assert.Equal("¥61,040.00", page.Text("#quota-counted"));
        Assert.Equal(Fen.Format(adds), page.Text("#quota-agreements-add"));
        Assert.Equal($"按已签协议，到12月31日将完成 {ReservedQuota.FormatPercent(ReservedQuota.Percent(6_104_000 + adds, 9_700_000))}", page.Text("#quota-agreements-forecast"));
        if (inYear == 2)
        {
            Assert.Equal("¥2,080.00", page.Text("#quota-agreements-add"));
            Assert.Equal("按已签协议，到12月31日将完成 65.07%", page.Text("#quota-agreements-forecast"));
        }
        var english = await page.SubmitAsync(member, "form.culture-switch", submitName: "culture", submitValue: "en");
        Assert.Equal($"With the agreements you have signed you will reach {ReservedQuota.FormatPercent(ReservedQuota.Percent(6_104_000 + adds, 9_700_000))} by 31 December",
            english.Text("#quota-agreements-forecast"));
        await english.SubmitAsync(member, "form.culture-switch", submitName: "culture", submitValue: "zh-CN");
        // A past year has nothing to forecast.
        Assert.Null((await member.GetPageAsync($"/quota?year={year - 1}")).Find("#quota-agreements-forecast"));

        // The dashboard: every organisation with a quota, counted and added, over their quotas.
        using var scope = Factory.Services.CreateScope();
        var total = (await scope.ServiceProvider.GetRequiredService<Fulfilment>().LoadAsync(year)).Total;
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var dashboard = await admin.GetPageAsync("/admin/quotas");
        Assert.Equal(Fen.Format(adds), dashboard.Text("#total-agreements-add"));
        Assert.Equal($"按已签协议，有预留份额的单位到12月31日合计将完成 {ReservedQuota.FormatPercent(ReservedQuota.Percent(total.CountedFen + adds, total.ReservedFen))}（已付款的部分已计入，不重复计算）。",
            dashboard.Text("#total-agreements-forecast"));

        // Behind pace and no agreement: those behind pace, less the hospital, which has signed.
        var behind = (await admin.GetPageAsync("/admin/quotas/behind-pace")).All("#behind-pace tbody tr").Select(r => r.GetAttribute("data-organisation")).ToList();
        Assert.Contains(hospital.ToString(CultureInfo.InvariantCulture), behind);
        var list = await admin.GetPageAsync("/admin/quotas/behind-without-agreement");
        var without = list.All("#behind-no-agreement tbody tr").Select(r => r.GetAttribute("data-organisation")).ToList();
        Assert.Equal(behind.Where(o => o != hospital.ToString(CultureInfo.InvariantCulture)), without);
        Assert.Equal(without.Count.ToString(CultureInfo.InvariantCulture), dashboard.Text("#total-behind-no-agreement"));
        var csv = await admin.GetAsync($"/admin/quotas/behind-without-agreement?handler=Export&format=csv&year={year}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(without.Count + 1, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains(Hospital, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task ASupplierSeesItsOwnCommittedDeliveriesByWeekAgainstStockAndQuoteAndNeverAnothersCalendar()
    {
        Client();
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var listing = await Factory.AddListingAsync(supplierId, title: "日历测试莓茶");
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listing).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, 250)));
        var school = await Factory.OrganisationIdAsync("长沙市岳麓区实验中学");
        // 200 boxes quoted and agreed every 7 days from next Monday, three deliveries; the second raised to 300 by the buyer.
        var monday = DeliveryCalendar.MondayOf(Today).AddDays(7);
        var agreement = await AgreementAsync(school, supplierId, listing, 6_800, 200, DeliverySchedule.EveryNDays(7), monday, monday.AddDays(14), "莓茶", "盒");
        await WriteDeliveryAsync(agreement, monday.AddDays(7), 300, StandingDeliveryStatus.Scheduled);

        var client = await SignedInClientAsync(email);
        var home = await client.GetPageAsync("/supplier");
        Assert.Equal("/supplier/calendar", home.Get("#tool-calendar").GetAttribute("href"));
        var page = await client.GetPageAsync("/supplier/calendar");
        var weeks = page.All("#calendar tbody");
        Assert.Equal(8, weeks.Count);
        string Label(DateOnly d) => $"{System.Globalization.ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)):00}";
        Assert.Equal(Enumerable.Range(0, 8).Select(i => Label(DeliveryCalendar.MondayOf(Today).AddDays(7 * i))), weeks.Select(w => w.GetAttribute("data-week")));
        Assert.Contains("本周没有送货", weeks[0].TextContent);
        string[] Cells(int week) => weeks[week].QuerySelector($"tr[data-line='L{listing}']")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        // Item, deliveries, committed, from stock, stock, quoted, warnings.
        Assert.Equal(["日历测试莓茶", "1", "200 盒", "200", "250", "200", ""], Cells(1));
        Assert.Equal(["日历测试莓茶", "1", "300 盒", "300", "250", "200"], Cells(2)[..6]);
        Assert.Equal("超出当前库存 50 盒", weeks[2].QuerySelector(".calendar-exceeds-stock")!.TextContent.Trim());
        Assert.Equal("超出报价可供数量 100 盒", weeks[2].QuerySelector(".calendar-exceeds-quote")!.TextContent.Trim());
        Assert.Equal(["日历测试莓茶", "1", "200 盒", "200", "250", "200", ""], Cells(3));
        Assert.Equal([false, false, true, false], weeks.Take(4).Select(w => w.ClassList.Contains("calendar-warning")));
        Assert.Equal(3, page.All("#calendar tr[data-line]").Count);
        Assert.Equal(2, (await client.GetPageAsync("/supplier/calendar?weeks=2")).All("#calendar tbody").Count);
        Assert.Equal(8, (await client.GetPageAsync("/supplier/calendar?weeks=500")).All("#calendar tbody").Count);

        // Another cooperative sees its own (empty) calendar, also when it names the first one.
        var (otherId, otherEmail) = await Factory.AddSupplierAsync();
        var other = await SignedInClientAsync(otherEmail);
        var own = await other.GetPageAsync("/supplier/calendar");
        Assert.NotNull(own.Find("#calendar-empty"));
        Assert.Empty(own.All("#calendar tr[data-line]"));
        var named = await other.GetAsync($"/supplier/calendar?supplier={supplierId}");
        var body = await named.Content.ReadAsStringAsync();
        Assert.DoesNotContain("日历测试莓茶", body);
        Assert.NotEqual(otherId, supplierId);
    }

    private async Task<(int?, int?)> HouseholdsAsync(int supplierId)
    {
        var s = await Factory.WithDbAsync(db => db.Suppliers.AsNoTracking().Where(s => s.Id == supplierId)
            .Select(s => new { s.PovertyLiftedHouseholds, s.MonitoredHouseholds }).SingleAsync());
        return (s.PovertyLiftedHouseholds, s.MonitoredHouseholds);
    }

    [SkippableFact]
    public async Task ASupplierStatesItsRegisteredHouseholdsAndTheImpactViewShowsThemBesideCommittedVolume()
    {
        Client();
        var (supplierId, email) = await Factory.AddSupplierAsync();
        // Registered in 龙山县 (433130), so that the county's row is this cooperative's alone among the tests' suppliers.
        await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == supplierId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.CountyCode, "433130").SetProperty(s => s.FarmerLinkDescription, "保底收购").SetProperty(s => s.BenefitingHouseholds, 40)));
        var client = await SignedInClientAsync(email);

        // Bad input: a negative count, and one that is not a number; each gets its message and nothing changes.
        KeyValuePair<string, string>[] bank = [new("Input.BankName", "永顺农商行"), new("Input.BankAccount", "6222021234567890999")];
        foreach (var (value, message) in new[] { ("-3", "带动脱贫户数（户，选填）应在 0 到 10000000 之间。"), ("三十", "“三十”不是有效的带动脱贫户数（户，选填）。") })
        {
            var refused = await (await client.GetPageAsync("/supplier/profile")).SubmitAsync(client, "#profile-form",
                [.. bank, new("Input.PovertyLiftedHouseholds", value), new("Input.MonitoredHouseholds", "5")]);
            Assert.Equal([message], refused.Errors);
            Assert.Equal(((int?)null, (int?)null), await HouseholdsAsync(supplierId));
        }
        // The database refuses a negative count too, whatever code writes it.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Factory.WithDbAsync(async db =>
        {
            (await db.Suppliers.SingleAsync(s => s.Id == supplierId)).MonitoredHouseholds = -1;
            await db.SaveChangesAsync();
        }));

        var saved = await (await client.GetPageAsync("/supplier/profile")).SubmitAsync(client, "#profile-form",
            [.. bank, new("Input.PovertyLiftedHouseholds", "12"), new("Input.MonitoredHouseholds", "")]);
        Assert.Empty(saved.Errors);
        Assert.Equal(((int?)12, (int?)null), await HouseholdsAsync(supplierId));
        Assert.Equal("12", (await client.GetPageAsync("/supplier/profile")).Get("#Input_PovertyLiftedHouseholds").GetAttribute("value"));

        // An agreement of the school: 150 kg of 百合 at ¥30.00 every 7 days from tomorrow, three deliveries while in
        // this year (the cooperative's county, no listing): 3 × 150 = 450 kg, 450 × 3,000 fen = ¥13,500.00.
        var school = await Factory.OrganisationIdAsync("长沙市岳麓区实验中学");
        var start = Today.AddDays(1);
        await AgreementAsync(school, supplierId, null, 3_000, 150, DeliverySchedule.EveryNDays(7), start, start.AddDays(14), "百合", "kg");
        var deliveries = Enumerable.Range(0, 3).Count(i => start.AddDays(7 * i).Year == Today.Year);

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var detail = await admin.GetPageAsync($"/admin/suppliers/{supplierId}");
        Assert.Equal(("12", "—"), (detail.Text("#supplier-poverty-lifted"), detail.Text("#supplier-monitored")));
        var impact = await admin.GetPageAsync($"/admin/quotas/impact?year={Today.Year}");
        var name = await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == supplierId).Select(s => s.Name).SingleAsync());
        var row = impact.All("#impact-suppliers tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == name);
        string Cell(string css) => row.QuerySelector(css)!.TextContent.Trim();
        Assert.Equal(("12", "—", Fen.Format(deliveries * 150 * 3_000L), deliveries == 0 ? "—" : $"{deliveries * 150} kg"),
            (Cell(".impact-lifted"), Cell(".impact-monitored"), Cell(".impact-committed"), Cell(".impact-committed-quantity")));
        if (deliveries == 3) Assert.Equal(("¥13,500.00", "450 kg"), (Cell(".impact-committed"), Cell(".impact-committed-quantity")));
        Assert.Equal("¥0.00", row.QuerySelectorAll("td.num")[0].TextContent.Trim()); // no paid purchase yet
        var county = impact.All("#impact-counties tbody tr").Single(r => r.QuerySelector("small.county-code")?.TextContent == "433130");
        Assert.Equal(("12", "—", Fen.Format(deliveries * 150 * 3_000L)),
            (county.QuerySelector(".impact-lifted")!.TextContent.Trim(), county.QuerySelector(".impact-monitored")!.TextContent.Trim(), county.QuerySelector(".impact-committed")!.TextContent.Trim()));

        var csv = await (await admin.GetAsync($"/admin/quotas/impact?handler=Export&table=suppliers&format=csv&year={Today.Year}")).Content.ReadAsStringAsync();
        var cells = csv.Split('\n').Single(l => l.Contains(name, StringComparison.Ordinal)).TrimEnd('\r').Split(',');
        Assert.Equal(("12", "", deliveries * 150 * 30m, deliveries == 0 ? "—" : $"{deliveries * 150} kg"),
            (cells[^4], cells[^3], decimal.Parse(cells[^2], CultureInfo.InvariantCulture), cells[^1]));
    }
}
