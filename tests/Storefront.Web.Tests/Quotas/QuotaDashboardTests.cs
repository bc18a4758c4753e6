using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Catalog;

namespace Storefront.Web.Tests.Quotas;

// The catalog tests' quiet factories: jobs off, so the statements heard are the test's own.
public class QuotaDashboardOnSqlite(BuyerCatalogOnSqlite.QuietFactory factory) : QuotaDashboardTests<BuyerCatalogOnSqlite.QuietFactory>(factory);
public class QuotaDashboardOnPostgreSql(BuyerCatalogOnPostgreSql.QuietFactory factory) : QuotaDashboardTests<BuyerCatalogOnPostgreSql.QuietFactory>(factory);

/// <summary>
/// The fulfilment dashboard adds up in the database (Fulfilment.SummaryAsync) what it used to add up from every
/// organisation read one by one (Fulfilment.LoadAsync): the same figures, in a number of statements that does not
/// grow with the organisations.
/// </summary>
public abstract class QuotaDashboardTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory, IHearsCommands
{
    private int ThisYear => ShanghaiTime.YearOf(DateTime.UtcNow);

    /// <summary>
    /// The dashboard of this year: the summary, the agreements still to deliver, the filings of those who signed them
    /// (the demo has some), and the layout's memberships. It made six before (the organisations, their filings and
    /// their totals read one by one, the agreements, the organisations with an active one, the memberships).
    /// </summary>
    private const int StatementsOfTheDashboard = 4;

    [SkippableFact]
    public async Task TheDashboardMakesTheSameFewStatementsWhateverTheNumberOfOrganisations()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await admin.GetPageAsync("/admin/quotas");
        int before;
        using (Factory.Commands.Start())
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetPageAsync("/admin/quotas")).Status);
            var texts = Factory.Commands.Texts;
            before = texts.Count;
            Assert.True(before == StatementsOfTheDashboard, string.Join("\n----\n", texts.Select(t => t[..Math.Min(t.Length, 400)])));
        }
        var extraIds = await AddOrganisationsAsync(40);
        try
        {
            using (Factory.Commands.Start())
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetPageAsync("/admin/quotas")).Status);
                var texts = Factory.Commands.Texts;
                Assert.Equal(before, texts.Count);
                Assert.Single(texts, t => t.Contains("\"Standings\"", StringComparison.Ordinal));
                Assert.DoesNotContain(texts, t => t.Contains("FROM \"QuotaMonthlyTotals\" AS", StringComparison.Ordinal));
            }
        }
        finally
        {
            await RemoveOrganisationsAsync(extraIds);
        }
    }

    [SkippableFact]
    public async Task TheSummaryEqualsTheOrganisationsAddedUpOneByOneAtEveryLevelAndYear()
    {
        Factory.RequireDatabase();
        var extraIds = await AddOrganisationsAsync(12);
        try
        {
            using var scope = Factory.Services.CreateScope();
            var fulfilment = scope.ServiceProvider.GetRequiredService<Fulfilment>();
            var agreements = scope.ServiceProvider.GetRequiredService<SignedAgreements>();
            foreach (var year in new[] { ThisYear - 1, ThisYear, ThisYear + 1 })
            {
                var snapshot = await fulfilment.LoadAsync(year);
                var remaining = year == ThisYear ? await agreements.ThisYearAsync(null) : [];
                var outlook = AgreementOutlook.Of(snapshot.Organisations, remaining, await agreements.OrganisationsWithActiveAgreementAsync());
                foreach (var region in new[] { null, "430000", "430100", "430104", "110000" })
                {
                    var summary = await fulfilment.SummaryAsync(year, region);
                    Assert.Equal(snapshot.Total, summary.Total);
                    Assert.Equal(snapshot.ByType(), summary.ByType);
                    Assert.Equal(snapshot.ByRegion(region), summary.ByRegion);
                    Assert.Equal(outlook.BehindWithoutAgreement.Count, summary.BehindWithoutAgreement);
                    Assert.Equal(snapshot.Today, summary.Today);
                }
                foreach (var county in new[] { "430104", "430102", "110101" })
                    Assert.Equal(snapshot.InRegion(county).OrderBy(o => o.OrganisationId), (await fulfilment.InCountyAsync(year, county)).OrderBy(o => o.OrganisationId));
                var added = await fulfilment.AddedToQuotasAsync(year, SignedAgreements.AddedByOrganisation(remaining));
                Assert.Equal(year == ThisYear ? outlook.AddsFen : 0, added);
            }
            // The figures are not all zero: the demo's Hunan organisations have quotas, purchases and one behind pace.
            var now = await fulfilment.SummaryAsync(ThisYear, null);
            Assert.True(now.Total.WithQuota > 0 && now.Total.CountedFen > 0 && now.Total.BehindPace > 0, $"{now.Total}");
            Assert.Contains(now.ByRegion, g => g.Key == "430000");
        }
        finally
        {
            await RemoveOrganisationsAsync(extraIds);
        }
    }

    /// <summary>
    /// The dashboard reads each organisation's year from QuotaYearlyTotals, which the database's triggers keep equal to
    /// the monthly totals added up: through the ledger's upserts (a new month, the same month again, a refund), rows
    /// written, changed and deleted by hand (the year's row goes with its last month) and a rebuild of every total.
    /// All in a transaction rolled back at the end: ledger entries cannot be deleted.
    /// </summary>
    [SkippableFact]
    public async Task TheYearlyTotalsAreTheMonthlyTotalsAddedUpWhateverWritesThem()
    {
        Factory.RequireDatabase();
        var ids = await AddOrganisationsAsync(4);
        try
        {
            await Factory.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var ledger = new QuotaLedger(db, TimeProvider.System);
                var march = ShanghaiTime.ToUtc(new DateTime(ThisYear, 3, 10, 12, 0, 0));
                var stamp = Guid.NewGuid().ToString("N");
                await ledger.AppendAsync(new(ids[0], QuotaEntryKind.PaymentConfirmed, 120_000, march, $"yearly:{stamp}:1"));
                await ledger.AppendAsync(new(ids[0], QuotaEntryKind.PaymentConfirmed, 30_001, march.AddMonths(2), $"yearly:{stamp}:2"));
                await ledger.AppendAsync(new(ids[1], QuotaEntryKind.PaymentConfirmed, 77_000, march.AddYears(-1), $"yearly:{stamp}:3"));
                await db.SaveChangesAsync();
                await ledger.AppendAsync(new(ids[0], QuotaEntryKind.Refund, -20_000, march, $"yearly:{stamp}:4"));
                await db.SaveChangesAsync();
                Assert.Equal(await MonthsAddedUpAsync(db), await YearsAsync(db));
                Assert.Equal(370_010L + 120_000 + 30_001 - 20_000,
                    await db.QuotaYearlyTotals.Where(t => t.OrganisationId == ids[0] && t.Year == ThisYear).Select(t => t.AmountFen).SingleAsync());

                await db.QuotaMonthlyTotals.Where(t => t.OrganisationId == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(t => t.AmountFen, t => t.AmountFen + 5));
                await db.QuotaMonthlyTotals.Where(t => t.OrganisationId == ids[3]).ExecuteDeleteAsync();
                Assert.Equal(await MonthsAddedUpAsync(db), await YearsAsync(db));
                Assert.False(await db.QuotaYearlyTotals.AnyAsync(t => t.OrganisationId == ids[3]));

                await QuotaTotalsInterceptor.RebuildAsync(db);
                Assert.Equal(await MonthsAddedUpAsync(db), await YearsAsync(db));
                Assert.Equal(120_000L + 30_001 - 20_000,
                    await db.QuotaYearlyTotals.Where(t => t.OrganisationId == ids[0] && t.Year == ThisYear).Select(t => t.AmountFen).SingleAsync());
                await transaction.RollbackAsync();
                return 0;
            });
        }
        finally
        {
            await RemoveOrganisationsAsync(ids);
        }
    }

    /// <summary>A yearly total that no longer adds up its months (edited by hand) is a finding of the reconciliation.</summary>
    [SkippableFact]
    public async Task AYearlyTotalThatDisagreesWithItsMonthsIsReportedByTheReconciliation()
    {
        Factory.RequireDatabase();
        var ids = await AddOrganisationsAsync(2);
        try
        {
            await Factory.WithDbAsync(async db =>
            {
                var before = await new QuotaReconciliation(db, []).RunAsync(ThisYear);
                Assert.DoesNotContain(before.Findings, f => f.Source == "yearly totals");
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.QuotaYearlyTotals.Where(t => t.OrganisationId == ids[0]).ExecuteUpdateAsync(u => u.SetProperty(t => t.AmountFen, 1));
                var report = await new QuotaReconciliation(db, []).RunAsync(ThisYear);
                var finding = Assert.Single(report.Findings, f => f.Source == "yearly totals");
                Assert.Equal((QuotaReconciliation.FindingKind.TotalsDrift, ids[0], 370_010L, 1L, $"yearly:{ids[0]}:{ThisYear}"),
                    (finding.Kind, finding.OrganisationId, finding.LedgerFen, finding.ExpectedFen, finding.SourceKey));
                Assert.False(report.IsClean);
                await transaction.RollbackAsync();
                return 0;
            });
        }
        finally
        {
            await RemoveOrganisationsAsync(ids);
        }
    }

    private static async Task<List<(int, int, long, int)>> MonthsAddedUpAsync(Core.Data.StorefrontDbContext db) =>
        (await db.QuotaMonthlyTotals.GroupBy(t => new { t.OrganisationId, t.Year })
            .Select(g => new { g.Key.OrganisationId, g.Key.Year, AmountFen = g.Sum(t => t.AmountFen), Entries = g.Sum(t => t.EntryCount) }).ToListAsync())
        .Select(t => (t.OrganisationId, t.Year, t.AmountFen, t.Entries)).Order().ToList();

    private static async Task<List<(int, int, long, int)>> YearsAsync(Core.Data.StorefrontDbContext db) =>
        (await db.QuotaYearlyTotals.AsNoTracking().ToListAsync()).Select(t => (t.OrganisationId, t.Year, t.AmountFen, t.EntryCount)).Order().ToList();

    /// <summary>
    /// Verified organisations in a county of Changsha with approved filings, some behind pace, some sharing another's
    /// canteen (their purchases count towards the host), one not verified, each with monthly totals this year.
    /// </summary>
    private async Task<List<int>> AddOrganisationsAsync(int count) => await Factory.WithDbAsync(async db =>
    {
        var ids = new List<int>();
        var stamp = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < count; i++)
        {
            var organisation = new Core.Organisations.Organisation
            {
                Name = $"看板测试单位{stamp}{i}", CreditCode = $"91{stamp.ToUpperInvariant()}{i:D8}",
                Type = (OrganisationType)(i % 4), RegionCode = i % 3 == 0 ? "430104" : "430102",
                Status = i == count - 1 ? VerificationStatus.Pending : VerificationStatus.Verified,
            };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            ids.Add(organisation.Id);
        }
        for (var i = 0; i < count; i++)
        {
            var shares = i % 5 == 4;
            db.CanteenFilings.Add(new CanteenFiling
            {
                OrganisationId = ids[i], Year = ThisYear, Kind = shares ? FilingKind.SharesCanteen : FilingKind.Canteen,
                SharedWithOrganisationId = shares ? ids[0] : null, BaseFen = shares ? null : 10_000_000 + i * 1_000_003L,
                Status = i % 7 == 6 ? FilingStatus.Submitted : FilingStatus.Approved, AppliedRatioBasisPoints = shares ? null : 1500,
                ReservedFen = shares ? 0 : ReservedQuota.Compute(10_000_000 + i * 1_000_003L, 1500), SubmittedAtUtc = DateTime.UtcNow,
            });
            db.QuotaMonthlyTotals.Add(new QuotaMonthlyTotal { OrganisationId = ids[i], Year = ThisYear, Month = 1 + i % 12, AmountFen = 37_001 * (i + 1) * (i % 2 == 0 ? 10 : 1), EntryCount = 1 });
        }
        await db.SaveChangesAsync();
        return ids;
    });

    private Task RemoveOrganisationsAsync(List<int> ids) => Factory.WithDbAsync(async db =>
    {
        await db.QuotaMonthlyTotals.Where(t => ids.Contains(t.OrganisationId)).ExecuteDeleteAsync();
        await db.CanteenFilings.Where(f => ids.Contains(f.OrganisationId)).ExecuteDeleteAsync();
        await db.Organisations.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync();
    });
}
