using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Quotas;
using Storefront.Web.Tables;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Quotas;

public class QuotaOnSqlite(StorefrontFactory factory) : QuotaTests<StorefrontFactory>(factory);
public class QuotaOnPostgreSql(PostgreSqlStorefrontFactory factory) : QuotaTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>Rules, filings, the ledger and what people see of it, through the pages, on both databases.</summary>
public abstract class QuotaTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const string School = "长沙市岳麓区实验中学";
    private const string Hospital = "长沙市天心区人民医院";
    private const string Agency = "长沙市芙蓉区机关事务服务中心";
    /// <summary>Its demo filing was returned, so it stays on the no-filing list whatever the other tests do.</summary>
    private const string ReturnedAgency = "常德市武陵区机关事务服务中心";

    private int ThisYear => ShanghaiTime.YearOf(DateTime.UtcNow);

    private Task<int> OrganisationIdAsync(string name) => Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    [SkippableFact]
    public async Task AProvincialRuleAFilingItsApprovalAndPaymentsShowOnThePanelAndTheDashboard()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var rules = await admin.GetPageAsync("/admin/quotas/rules");
        var saved = await rules.SubmitAsync(admin, "#rule-form", [new("Input.Level", "Province"), new("Input.RegionCode", "430000"), new("Input.Ratio", "15")]);
        Assert.Contains("15.00%", saved.Text("#rules tr[data-region='430000']"));

        var schoolAdmin = await SignedInClientAsync(DemoData.MemberEmail("school", "admin"));
        var filing = await schoolAdmin.GetPageAsync("/organisation/filing");
        Assert.Contains("15.00%", filing.Text("#filing-rule"));
        var filed = await filing.SubmitAsync(schoolAdmin, "#filing-form", [new("Input.Kind", "Canteen"), new("Input.Base", "2,000,000")]);
        Assert.Equal("待审核", filed.Text("#filing-state"));

        var schoolId = await OrganisationIdAsync(School);
        var review = await admin.GetPageAsync("/admin/quotas/filings?status=Submitted");
        var card = $"#filings li[data-organisation='{schoolId}']";
        Assert.Contains("¥300,000.00", review.Text($"{card} .filing-preview"));
        var approved = await review.SubmitAsync(admin, $"{card} .approve-form");
        Assert.Contains("¥300,000.00", approved.Text(".flash"));

        // A real purchase of rice and tea (¥4,270.00, both from designated counties), approved and paid by a bank
        // transfer the admin records: the payment confirmation is what counts it.
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, School);
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));
        var orders = await Factory.OrdersOfAsync(purchaseId);
        foreach (var orderId in orders) await approver.DecideAsync(orderId, "Approve");
        var transfer = await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}");
        var recorded = await transfer.SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        Assert.Contains("¥4,270.00", recorded.Text(".flash"));

        var panel = await buyer.GetPageAsync("/quota");
        Assert.Equal("¥300,000.00", panel.Text("#quota-reserved"));
        Assert.Equal("¥4,270.00", panel.Text("#quota-counted"));
        Assert.Equal("1.42%", panel.Text("#quota-completion"));
        Assert.Equal(2, panel.All("#quota-entries tbody tr[data-source]").Count);

        var county = await admin.GetPageAsync($"/admin/quotas?region=430104");
        Assert.Equal("1.42%", county.Text($"#county-organisations tr[data-organisation='{schoolId}'] .completion"));

        // The tea cooperative refunds ¥270.00 of its order: the refund is what subtracts it.
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var teaPage = await yongshun.GetPageAsync($"/supplier/orders/{orders[1]}");
        var refunded = await teaPage.SubmitAsync(yongshun, "#refund-form", [new("Refund.Amount", "270"), new("Refund.Reason", "两盒破损")]);
        Assert.Equal("部分退款", refunded.Text("#payment-state"));
        var after = await buyer.GetPageAsync("/quota");
        Assert.Equal("¥4,000.00", after.Text("#quota-counted"));
        Assert.Equal("1.33%", after.Text("#quota-completion"));
        Assert.Equal(3, after.All("#quota-entries tbody tr[data-source]").Count);
        Assert.Equal("1.33%", (await admin.GetPageAsync($"/admin/quotas?region=430104")).Text($"#county-organisations tr[data-organisation='{schoolId}'] .completion"));

        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action.StartsWith("Quota.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("Quota.Rule.Set", actions);
        Assert.Contains("Quota.Filing.Approve", actions);
    }

    [SkippableFact]
    public async Task TheLedgerAnAdminReadsLinksEachOrderToTheAdminsOrderPage()
    {
        var agencyId = await OrganisationIdAsync(Agency);
        await Factory.WithoutApprovalAsync(Agency);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Agency, tea: false);
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        var (orderId, number) = await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => new ValueTuple<long, string>(o.Id, o.Number)).SingleAsync());

        var ledger = await admin.GetPageAsync($"/admin/quotas/organisations/{agencyId}");
        var link = ledger.All("#quota-entries tbody a").Single(a => a.TextContent.Trim() == number);
        Assert.Equal($"/admin/orders/{orderId}", link.GetAttribute("href"));
        var opened = await admin.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains(number, opened.Text("h1"));
        // The organisation's own people keep their own order pages.
        Assert.Equal($"/orders/{orderId}", (await buyer.GetPageAsync("/quota")).All("#quota-entries tbody a").Single(a => a.TextContent.Trim() == number).GetAttribute("href"));
    }

    [SkippableFact]
    public async Task TheImpactTablesNameEachCountyWithItsCodeSmallBeside()
    {
        // A paid order of tea from 永顺县 (433127) puts the county and its cooperative in this year's tables.
        await Factory.WithoutApprovalAsync(Agency);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Agency);
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);

        var impact = await admin.GetPageAsync($"/admin/quotas/impact?year={ThisYear}");
        Assert.Equal(["供应主体", "县"], impact.All("#impact-suppliers thead th").Take(2).Select(th => th.TextContent.Trim()));
        var cooperative = impact.All("#impact-suppliers tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "永顺县松柏莓茶专业合作社");
        var county = cooperative.QuerySelector("td")!;
        Assert.Equal("永顺县 433127", string.Join(' ', county.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        Assert.Equal("433127", county.QuerySelector("small.county-code")!.TextContent);
        var row = impact.All("#impact-counties tbody tr").Single(r => r.QuerySelector("small.county-code")?.TextContent == "433127");
        Assert.StartsWith("永顺县", row.QuerySelector("th")!.TextContent.Trim());
        // No supplier row shows a bare code where its county's name belongs.
        Assert.All(impact.All("#impact-suppliers tbody td:nth-of-type(1)"), td => Assert.DoesNotMatch(@"^\d{6}$", td.TextContent.Trim()));
    }

    [SkippableFact]
    public async Task AnOrganisationSeesOnlyItsOwnPanelAndEntries()
    {
        var hospitalId = await OrganisationIdAsync(Hospital);
        var agencyId = await OrganisationIdAsync(Agency);
        // The agency's own paid order, recorded by an admin: its number is what its ledger entry shows.
        await Factory.WithoutApprovalAsync(Agency);
        var agencyBuyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Agency, tea: false);
        var purchaseId = PurchaseIdOf(await agencyBuyer.CheckOutAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        var agencyOrder = await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => o.Number).SingleAsync());
        Assert.Contains(agencyOrder, (await agencyBuyer.GetPageAsync("/quota")).Text("#quota-entries"));

        var hospitalBuyer = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        var own = await hospitalBuyer.GetPageAsync($"/quota?organisation={agencyId}");
        Assert.Contains(Hospital, own.Text("h1"));
        Assert.DoesNotContain(agencyOrder, own.Body);

        var supplier = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetPageAsync("/quota")).Status);

        var anonymous = Factory.CreateClientWithoutRedirects();
        var challenge = await anonymous.GetAsync("/quota");
        Assert.StartsWith("/account/sign-in", challenge.Headers.Location!.PathAndQuery);

        // Only admins see the dashboard, its exports and other organisations' figures.
        foreach (var url in new[] { "/admin/quotas", "/admin/quotas/ranking?handler=Export&format=csv", $"/admin/quotas/organisations/{hospitalId}" })
        {
            var denied = await hospitalBuyer.GetPageAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        }
        // Filing is the org admin's: a buyer may not file.
        Assert.Equal(HttpStatusCode.Forbidden, (await hospitalBuyer.GetPageAsync("/organisation/filing")).Status);
        // An org admin files for their own organisation only, whatever the address asks for.
        var hospitalAdmin = await SignedInClientAsync(DemoData.MemberEmail("hospital", "admin"));
        var filing = await hospitalAdmin.GetPageAsync($"/organisation/filing?organisation={agencyId}");
        Assert.Contains(Hospital, filing.Text("h1"));
    }

    [SkippableFact]
    public async Task AFilingBelowTheRuleIsRefusedBesideTheFieldAndAReturnedOneCarriesItsReason()
    {
        var hospitalAdmin = await SignedInClientAsync(DemoData.MemberEmail("hospital", "admin"));
        var page = await hospitalAdmin.GetPageAsync("/organisation/filing");
        var refused = await page.SubmitAsync(hospitalAdmin, "#filing-form", [new("Input.Kind", "Canteen"), new("Input.Base", "abc"), new("Input.Pledge", "5")]);
        Assert.Contains("请输入金额，例如 2000000。", refused.Errors);
        var below = await refused.SubmitAsync(hospitalAdmin, "#filing-form", [new("Input.Kind", "Canteen"), new("Input.Base", "3600000"), new("Input.Pledge", "5")]);
        Assert.Contains(below.Errors, e => e.StartsWith("承诺比例不得低于规定比例", StringComparison.Ordinal));

        var hospitalId = await OrganisationIdAsync(Hospital);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var review = await admin.GetPageAsync("/admin/quotas/filings?status=Submitted");
        var card = $"#filings li[data-organisation='{hospitalId}']";
        var noReason = await review.SubmitAsync(admin, $"{card} .return-form", [new("Reason", "")]);
        Assert.Contains("请填写退回原因。", noReason.Errors);
        await noReason.SubmitAsync(admin, $"{card} .return-form", [new("Reason", "请上传预算批复")]);

        var panel = await (await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"))).GetPageAsync("/quota");
        Assert.Contains("请上传预算批复", panel.Text("#quota-no-filing"));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Quota.Filing.Return").Select(a => a.Reason).ToListAsync());
        Assert.Contains("请上传预算批复", audit);
    }

    [SkippableFact]
    public async Task AnImportWithAnyBadRowIsRefusedRowByRowAndAGoodOneIsApproved()
    {
        var codes = await Factory.WithDbAsync(db => db.Organisations.ToDictionaryAsync(o => o.Name, o => o.CreditCode));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/quotas/filings?year={ThisYear + 1}");
        var bad = $"统一社会信用代码,备案类型,食堂食材采购总额（元）,共用食堂单位信用代码\n{codes[School]},有食堂,abc,\n123,无食堂,,\n{codes[Hospital]},共用食堂,,{codes[School]}\n{codes[Agency]},宴会厅,,\n";
        var refused = await page.SubmitAsync(admin, "#import-form", files: [("file", "filings.csv", Encoding.UTF8.GetBytes(bad), "text/csv")]);
        Assert.Contains("有 3 行无效，备案未导入。", refused.Text("#import-error"));
        var rows = refused.All("#refused-rows tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([["2", codes[School]], ["3", "123"], ["5", codes[Agency]]], rows.Select(r => r.Take(2).ToList()));
        Assert.Contains("采购总额不是金额", rows[0][2]);
        Assert.Contains("信用代码无效", rows[1][2]);
        Assert.Contains("备案类型应为", rows[2][2]);

        var xlsx = TableFiles.WriteXlsx(["统一社会信用代码", "备案类型", "食堂食材采购总额（元）", "承诺比例（%）"],
        [
            [codes[School], "有食堂", "2000000", "12"],
            [codes[Hospital], "无食堂", null, null],
        ]);
        var imported = await refused.SubmitAsync(admin, "#import-form", files: [("file", "filings.xlsx", xlsx, TableFiles.XlsxContentType)]);
        Assert.Contains("已导入并通过 2 份备案。", imported.Text(".flash"));
        var year = ThisYear + 1;
        var school = await Factory.WithDbAsync(db => db.CanteenFilings.SingleAsync(f => f.Organisation.Name == School && f.Year == year));
        Assert.Equal((FilingStatus.Approved, 1200, 24_000_000L), (school.Status, school.AppliedRatioBasisPoints, school.ReservedFen));
    }

    [SkippableFact]
    public async Task EveryAdminTableExportsToCsvAndXlsx()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var urls = new[]
        {
            "/admin/quotas?handler=Export&table=types", "/admin/quotas?handler=Export&table=regions", "/admin/quotas?handler=Export&table=organisations&region=430104",
            "/admin/quotas/ranking?handler=Export", "/admin/quotas/behind-pace?handler=Export", "/admin/quotas/no-filing?handler=Export",
            "/admin/quotas/trends?handler=Export&table=all", "/admin/quotas/impact?handler=Export&table=counties", "/admin/quotas/impact?handler=Export&table=suppliers",
            "/admin/quotas/filings?handler=Export",
        };
        foreach (var url in urls)
        {
            var csv = await admin.GetAsync(url + "&format=csv");
            Assert.True(csv.IsSuccessStatusCode, url);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var xlsx = await admin.GetAsync(url + "&format=xlsx");
            Assert.Equal(TableFiles.XlsxContentType, xlsx.Content.Headers.ContentType!.MediaType);
            Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        }
        var ranking = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/admin/quotas/no-filing?handler=Export&format=csv"));
        Assert.Contains(ReturnedAgency, ranking);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/quotas?handler=Export&table=nothing&format=csv")).StatusCode);
    }

    [SkippableFact]
    public async Task AnOrganisationNamedLikeAFormulaIsExportedAsTextInTheNoFilingCsv()
    {
        const string formula = "=cmd|' /C calc'!A0学校";
        Factory.RequireDatabase();
        await Factory.WithDbAsync(async db =>
        {
            db.Organisations.Add(new Core.Organisations.Organisation
            {
                Name = formula, Type = Core.Organisations.OrganisationType.School, RegionCode = "430104",
                CreditCode = Core.Organisations.UnifiedSocialCreditCode.Complete("12430104MB8888888"),
                Status = Core.Organisations.VerificationStatus.Verified, CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var admin = await SignedInClientAsync(DemoData.AdminEmail);

        var csv = await admin.GetByteArrayAsync("/admin/quotas/no-filing?handler=Export&format=csv");

        var (table, _) = await TableFiles.ReadAsync(new MemoryStream(csv), 10_000);
        var row = Assert.Single(table!.Rows, r => r[1].Contains("A0学校", StringComparison.Ordinal));
        Assert.Equal("'" + formula, row[1]);
        Assert.Equal("学校", row[2]);
    }

    [SkippableFact]
    public async Task EveryAdminQuotaPageRendersWithTheDemoData()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var agencyId = await OrganisationIdAsync(Agency);
        foreach (var url in new[]
        {
            "/admin/quotas", "/admin/quotas?region=430000", "/admin/quotas?region=430100", "/admin/quotas/ranking?sort=pace&dir=asc", "/admin/quotas/behind-pace",
            "/admin/quotas/no-filing", "/admin/quotas/trends", "/admin/quotas/impact", "/admin/quotas/filings", "/admin/quotas/rules",
            "/admin/quotas/corrections", "/admin/quotas/reconciliation", "/admin/quotas/report", $"/admin/quotas/organisations/{agencyId}",
        })
        {
            var page = await admin.GetPageAsync(url);
            Assert.True(page.Status == HttpStatusCode.OK, $"{url}: {page.Status}");
        }
        var noFiling = await admin.GetPageAsync("/admin/quotas/no-filing");
        Assert.Contains(ReturnedAgency, noFiling.Text("#no-filing"));
        var trends = await admin.GetPageAsync("/admin/quotas/trends");
        Assert.Equal("img", trends.Get("svg#chart-all").GetAttribute("role"));
        Assert.NotEmpty(trends.Get("#chart-all-desc").TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetPageAsync("/admin/quotas?region=12ab")).Status);
    }

    [SkippableFact]
    public async Task AnAbsurdCorrectionIsRefusedAndOneAboveTheLimitIsRecordedOnlyOnceConfirmed()
    {
        // Without an approved filing there is no reserve to compare with: the configured ¥1,000,000 applies.
        var organisationId = await OrganisationIdAsync(ReturnedAgency);
        var entriesBefore = await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync(e => e.OrganisationId == organisationId));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/quotas/corrections?organisation={organisationId}");

        foreach (var absurd in new[] { "-2147483648", "99999999999.99" })
        {
            var refused = await page.SubmitAsync(admin, "#correction-form", [new("Input.Amount", absurd), new("Input.Reason", "手误")]);
            Assert.Equal("调整金额不能超过 ¥100,000,000.00（正负均同）；请核对金额。", refused.Text("[data-valmsg-for='Input.Amount']"));
            Assert.Null(refused.Find("#confirm-field"));
        }
        var asked = await page.SubmitAsync(admin, "#correction-form", [new("Input.Amount", "1000000.01"), new("Input.Reason", "补录年度集中采购")]);
        Assert.Equal("调整金额超过 ¥1,000,000.00（该单位本年度预留份额，或未备案时的上限），请核对后勾选确认再提交。", asked.Text("[data-valmsg-for='Input.Amount']"));
        Assert.Equal(entriesBefore, await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync(e => e.OrganisationId == organisationId)));

        var confirmed = await asked.SubmitAsync(admin, "#correction-form", [new("Input.Confirmed", "true")]);
        Assert.Contains("¥1,000,000.01", confirmed.Text(".flash"));
        Assert.Equal([100_000_001L], await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrganisationId == organisationId).OrderBy(e => e.Id)
            .Skip(entriesBefore).Select(e => e.AmountFen).ToListAsync()));
    }

    [SkippableFact]
    public async Task ACorrectionIsANewEntryWithItsReasonAndReconciliationFindsNoDrift()
    {
        var agencyId = await OrganisationIdAsync(Agency);
        var code = await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Id == agencyId).Select(o => o.CreditCode).SingleAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/quotas/corrections?organisation={agencyId}");
        var missing = await page.SubmitAsync(admin, "#correction-form", [new("Input.Amount", "0"), new("Input.Reason", "测试")]);
        Assert.Contains("调整金额不能为零。", missing.Errors);
        var done = await missing.SubmitAsync(admin, "#correction-form", [new("Input.CreditCode", code), new("Input.Amount", "-1,000.50"), new("Input.Reason", "重复登记的线下采购")]);
        Assert.Contains("-¥1,000.50", done.Text(".flash"));

        var entries = await admin.GetPageAsync($"/admin/quotas/organisations/{agencyId}");
        Assert.Contains("重复登记的线下采购", entries.Text("#quota-entries"));

        var reconciliation = await admin.GetPageAsync("/admin/quotas/reconciliation");
        var report = await reconciliation.SubmitAsync(admin, "#reconcile-form");
        Assert.Contains("没有偏差", report.Text("#verdict"));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Quota.Correction" || a.Action == "Quota.Reconcile").Select(a => a.Action).ToListAsync());
        Assert.Contains("Quota.Correction", audit);
        Assert.Contains("Quota.Reconcile", audit);
    }

    [SkippableFact]
    public async Task ConcurrentPaymentsAndReplaysKeepTheMonthlyTotalsEqualToTheLedger()
    {
        // Made-up entries no source knows are drift by design: they go into a database of their own, so that the
        // reconciliation of the shared one stays clean.
        await using var own = (TFactory)Activator.CreateInstance(typeof(TFactory))!;
        own.CreateClient().Dispose();
        var hospitalId = await own.WithDbAsync(db => db.Organisations.Where(o => o.Name == "湘潭市岳塘区中医医院").Select(o => o.Id).SingleAsync());
        var before = await own.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrganisationId == hospitalId).SumAsync(e => e.AmountFen));
        var keys = Enumerable.Range(0, 40).Select(i => $"race:{Guid.NewGuid():N}:{i % 25}").ToList();
        var prefix = keys[0][..38];
        keys = Enumerable.Range(0, 40).Select(i => $"race:{prefix}:{i % 25}").ToList();
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            using var scope = own.Services.CreateScope();
            var ledger = scope.ServiceProvider.GetRequiredService<QuotaLedger>();
            await ledger.AppendAsync(new QuotaLedger.Draft(hospitalId, QuotaEntryKind.PaymentConfirmed, 100, DateTime.UtcNow, key));
            try { await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().SaveChangesAsync(); }
            catch (DbUpdateException) { } // the other writer of the same key won: counted once
        })));
        var (ledgerFen, totalsFen) = await own.WithDbAsync(async db => (
            await db.QuotaEntries.Where(e => e.OrganisationId == hospitalId).SumAsync(e => e.AmountFen),
            await db.QuotaMonthlyTotals.Where(t => t.OrganisationId == hospitalId).SumAsync(t => t.AmountFen)));
        Assert.Equal(before + 2_500, ledgerFen);
        Assert.Equal(ledgerFen, totalsFen);
    }

    [SkippableFact]
    public async Task TheCartImpactSaysWhatAnOrderAddsAndWhereItBringsTheOrganisation()
    {
        Client();
        var agencyId = await OrganisationIdAsync(Agency);
        using var scope = Factory.Services.CreateScope();
        var impact = await scope.ServiceProvider.GetRequiredService<QuotaPanel>().ImpactAsync(agencyId, 1_800_000);
        // The demo agency files ¥1,800,000 at 10%: a ¥18,000 order is a tenth of its quota.
        Assert.True(impact!.HasQuota);
        Assert.Equal(10.00m, impact.CompletionRateAfter - (impact.CompletionRateBefore ?? 0));
    }

    [SkippableFact]
    public async Task TheWeeklyDigestGoesToOrgAdminsOfOrganisationsBehindPaceOncePerWeek()
    {
        Client();
        var job = Factory.Services.GetServices<IHostedService>().OfType<QuotaDigestJob>().Single();
        // The school's admin has mail of its own already (the demo's quotes on its plan): the digest must add none.
        var schoolAdmin = DemoData.MemberEmail("school", "admin");
        var schoolMailsBefore = await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == schoolAdmin));
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        var agencyAdmin = DemoData.MemberEmail("agency", "admin");
        var mails = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == agencyAdmin).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Contains(Agency, mail.Subject);
        Assert.Contains("¥180,000.00", mail.TextBody);
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == agencyAdmin)));
        // The school has not filed, so it has no pace to be behind.
        Assert.Equal(schoolMailsBefore, await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == schoolAdmin)));
    }
}

/// <summary>The digest can be switched off: no job is registered then.</summary>
public class QuotaDigestSwitchedOffTests(QuotaDigestSwitchedOffTests.Factory factory) : IClassFixture<QuotaDigestSwitchedOffTests.Factory>
{
    public sealed class Factory : StorefrontFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Quotas:WeeklyDigest:Enabled", "false")];
    }

    [Fact]
    public void NoDigestJobRunsWhenItIsSwitchedOff()
    {
        factory.CreateClient();
        Assert.Empty(factory.Services.GetServices<IHostedService>().OfType<QuotaDigestJob>());
    }
}
