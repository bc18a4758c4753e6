using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class ReconciliationTests
{
    private static readonly DateTime May = QuotaTestData.InShanghai(2026, 5, 5);

    /// <summary>A stand-in for the payments source that lands with ordering: it says which payments there are.</summary>
    private sealed class TestPayments(List<ExpectedEntry> payments) : IQuotaEntrySource
    {
        public string Name => "payments";
        public IReadOnlyCollection<QuotaEntryKind> Kinds { get; } = [QuotaEntryKind.PaymentConfirmed];

        public async IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, [EnumeratorCancellation] CancellationToken ct)
        {
            await Task.Yield();
            foreach (var p in payments.Where(p => Core.Money.ShanghaiTime.YearOf(p.OccurredAtUtc) == year)) yield return p;
        }
    }

    [Fact]
    public async Task ALedgerThatAgreesWithItsSourcesAndTotalsHasNoDrift()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        await data.Ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 3_000_000, May, "payment:1"));
        await data.Ledger.AppendAsync(new(school.Id, QuotaEntryKind.Refund, -500_000, May, "refund:1"));
        await new QuotaCorrections(database.Db, data.Ledger, data.Clock).RecordAsync(school.Id, 2026, 1_000, "补录线下采购", "admin");
        await database.Db.SaveChangesAsync();

        var payments = new TestPayments([new("payment:1", school.Id, 3_000_000, May)]);
        var report = await new QuotaReconciliation(database.Db, [payments, new CorrectionEntrySource(database.Db)]).RunAsync(2026);
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        Assert.Equal((3, 1, -500_000L), (report.EntriesChecked, report.UncheckedEntries, report.UncheckedFen));
        Assert.Equal(["payments", "corrections"], report.Sources);
    }

    [Fact]
    public async Task DriftIsReportedEntryByEntryAndPerOrganisation()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        var hospital = await database.Db.AddOrganisationAsync(Core.Organisations.OrganisationType.Hospital);
        await data.Ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1_000, May, "payment:1"));
        await data.Ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 2_000, May, "payment:2"));
        await data.Ledger.AppendAsync(new(hospital.Id, QuotaEntryKind.PaymentConfirmed, 9_000, May, "payment:stray"));
        await database.Db.SaveChangesAsync();
        // Someone edited a total by hand: reconciliation must notice.
        await database.Db.QuotaMonthlyTotals.Where(t => t.OrganisationId == hospital.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AmountFen, 1));

        var payments = new TestPayments(
        [
            new("payment:1", school.Id, 1_000, May),
            new("payment:2", school.Id, 2_500, May),
            new("payment:3", school.Id, 4_000, May),
        ]);
        var report = await new QuotaReconciliation(database.Db, [payments]).RunAsync(2026);
        Assert.False(report.IsClean);
        var findings = report.Findings.Select(f => (f.Kind, f.SourceKey)).ToList();
        Assert.Contains((QuotaReconciliation.FindingKind.Different, "payment:2"), findings);
        Assert.Contains((QuotaReconciliation.FindingKind.MissingFromLedger, "payment:3"), findings);
        Assert.Contains((QuotaReconciliation.FindingKind.UnknownToSource, "payment:stray"), findings);
        Assert.Contains(findings, f => f.Kind == QuotaReconciliation.FindingKind.TotalsDrift);
        var schoolDrift = report.Drifts.Single(d => d.OrganisationId == school.Id);
        Assert.Equal((3_000L, 7_500L, 3_000L), (schoolDrift.LedgerFen, schoolDrift.RecomputedFen, schoolDrift.TotalsFen));
        var hospitalDrift = report.Drifts.Single(d => d.OrganisationId == hospital.Id);
        Assert.Equal((9_000L, 0L, 1L), (hospitalDrift.LedgerFen, hospitalDrift.RecomputedFen, hospitalDrift.TotalsFen));
    }

    [Fact]
    public async Task ACorrectionOfAPastYearCountsInThatYearsDecember()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var school = await database.Db.AddOrganisationAsync();
        var corrections = new QuotaCorrections(database.Db, data.Ledger, data.Clock);
        Assert.Equal([QuotaCorrections.Problem.AmountZero, QuotaCorrections.Problem.ReasonRequired], corrections.Validate(2026, 0, " "));
        Assert.Equal([QuotaCorrections.Problem.YearInFuture], corrections.Validate(2027, 100, "x"));
        await corrections.RecordAsync(school.Id, 2025, -20_000, "重复计入的线下采购", "admin");
        await database.Db.SaveChangesAsync();
        var entry = await database.Db.QuotaEntries.SingleAsync();
        Assert.Equal((QuotaEntryKind.AdminCorrection, 2025, 12, -20_000L, "重复计入的线下采购"), (entry.Kind, entry.Year, entry.Month, entry.AmountFen, entry.Note));
    }
}
