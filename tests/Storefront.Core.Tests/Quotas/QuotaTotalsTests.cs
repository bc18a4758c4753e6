using Microsoft.EntityFrameworkCore;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class QuotaTotalsTests
{
    private static readonly DateTime March = QuotaTestData.InShanghai(2026, 3, 10);

    [Fact]
    public async Task MonthlyAndImpactTotalsMoveInTheSameSaveAsTheEntries()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        database.Db.DesignatedCounties.Add(new Core.Regions.DesignatedCounty { CountyCode = "433127", Source = "test" });
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 3_000_000, March, "payment:1", SupplierId: 7, CountyCode: "433127"));
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1_000_000, March.AddDays(1), "payment:2", SupplierId: 7, CountyCode: "433127"));
        await database.Db.SaveChangesAsync();
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.Refund, -500_000, March.AddDays(30), "refund:1", SupplierId: 7, CountyCode: "433127"));
        await database.Db.SaveChangesAsync();

        var months = await database.Db.QuotaMonthlyTotals.Where(t => t.OrganisationId == school.Id).OrderBy(t => t.Month).Select(t => new { t.Month, t.AmountFen, t.EntryCount }).ToListAsync();
        Assert.Equal([new { Month = 3, AmountFen = 4_000_000L, EntryCount = 2 }, new { Month = 4, AmountFen = -500_000L, EntryCount = 1 }], months);
        var impact = await database.Db.QuotaImpactTotals.Where(t => t.CountyCode == "433127" && t.SupplierId == 7).SumAsync(t => t.AmountFen);
        Assert.Equal(3_500_000, impact);
    }

    [Fact]
    public async Task ASaveThatFailsTakesItsTotalsWithIt()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:1"));
        await database.Db.SaveChangesAsync();
        // A concurrent duplicate that slipped past the check: the unique key refuses it, and the total stays.
        database.Db.QuotaEntries.Add(new QuotaEntry { OrganisationId = school.Id, Kind = QuotaEntryKind.PaymentConfirmed, AmountFen = 1000, Year = 2026, Month = 3, SourceKey = "payment:1" });
        await Assert.ThrowsAsync<DbUpdateException>(() => database.Db.SaveChangesAsync());
        database.Db.ChangeTracker.Clear();
        Assert.Equal(1000, await database.Db.QuotaMonthlyTotals.SumAsync(t => t.AmountFen));
    }

    [Fact]
    public async Task InsideTheCallersTransactionAFailedSaveUndoesOnlyItsOwnTotals()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await using var transaction = await database.Db.Database.BeginTransactionAsync();
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:1"));
        await database.Db.SaveChangesAsync();
        database.Db.QuotaEntries.Add(new QuotaEntry { OrganisationId = school.Id, Kind = QuotaEntryKind.PaymentConfirmed, AmountFen = 50, Year = 2026, Month = 3, SourceKey = "payment:1" });
        await Assert.ThrowsAsync<DbUpdateException>(() => database.Db.SaveChangesAsync());
        database.Db.ChangeTracker.Clear();
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 300, March, "payment:2"));
        await database.Db.SaveChangesAsync();
        await transaction.CommitAsync();
        Assert.Equal(1300, await database.Db.QuotaMonthlyTotals.SumAsync(t => t.AmountFen));
        Assert.Equal(1300, await ledger.CountedFenAsync(school.Id, 2026));
    }

    [Fact]
    public async Task OnlyMoneyReachingADesignatedCountyCountsButRefundsAlwaysDo()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        database.Db.DesignatedCounties.Add(new Core.Regions.DesignatedCounty { CountyCode = "433127", Source = "test" });
        await database.Db.SaveChangesAsync();
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        Assert.Equal(QuotaLedger.Outcome.Appended, await ledger.TryAppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:1", CountyCode: "433127")));
        Assert.Equal(QuotaLedger.Outcome.CountyNotDesignated, await ledger.TryAppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:2", CountyCode: "430104")));
        Assert.Equal(QuotaLedger.Outcome.CountyNotDesignated, await ledger.TryAppendAsync(new(school.Id, QuotaEntryKind.Platform832Order, 700, March, "832:1:r1", CountyCode: "430104")));
        Assert.Equal(QuotaLedger.Outcome.Appended, await ledger.TryAppendAsync(new(school.Id, QuotaEntryKind.Refund, -400, March, "refund:1", CountyCode: "430104")));
        await database.Db.SaveChangesAsync();
        Assert.Equal(QuotaLedger.Outcome.AlreadyCounted, await ledger.TryAppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:1", CountyCode: "433127")));
        Assert.Equal(600, await ledger.CountedFenAsync(school.Id, 2026));
    }

    [Fact]
    public async Task PurchasesOfAnOrganisationSharingACanteenCountTowardsItsHost()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db);
        var host = await database.Db.AddOrganisationAsync(Core.Organisations.OrganisationType.Agency);
        var guest = await database.Db.AddOrganisationAsync(Core.Organisations.OrganisationType.Agency);
        await data.ApprovedFilingAsync(host.Id, 2026, 1_000_000);
        await data.Filings.ImportAsync(guest.Id, 2026, new(FilingKind.SharesCanteen, null, host.Id, null), null);
        await data.Ledger.AppendAsync(new(host.Id, QuotaEntryKind.PaymentConfirmed, 10_000, March, "payment:1"));
        await data.Ledger.AppendAsync(new(guest.Id, QuotaEntryKind.PaymentConfirmed, 5_000, March, "payment:2"));
        await database.Db.SaveChangesAsync();

        Assert.Equal(15_000, await data.Ledger.CountedTowardsFenAsync(host.Id, 2026));
        Assert.Equal(0, await data.Ledger.CountedTowardsFenAsync(guest.Id, 2026));
        var snapshot = await new Fulfilment(database.Db, data.Clock).LoadAsync(2026);
        var hostRow = snapshot.Organisations.Single(o => o.OrganisationId == host.Id);
        Assert.Equal((15_000L, 100_000L, 15.00m), (hostRow.CountedFen, hostRow.ReservedFen, hostRow.CompletionRate!.Value));
        Assert.Equal(0, snapshot.Organisations.Single(o => o.OrganisationId == guest.Id).CountedFen);
    }
}
