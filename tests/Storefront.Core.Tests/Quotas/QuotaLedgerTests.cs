using Microsoft.EntityFrameworkCore;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class QuotaLedgerTests
{
    private static readonly DateTime March = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CountsPaymentsLessRefundsInTheShanghaiYearTheyHappen()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 3_000_000, March, "payment:1"));
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.Refund, -500_000, March.AddDays(10), "refund:1"));
        // Half past midnight on New Year's Day in Shanghai, still 2026 in UTC: it counts in 2027.
        await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 100, new DateTime(2026, 12, 31, 16, 30, 0, DateTimeKind.Utc), "payment:2"));
        await database.Db.SaveChangesAsync();

        Assert.Equal(2_500_000, await ledger.CountedFenAsync(school.Id, 2026));
        Assert.Equal(100, await ledger.CountedFenAsync(school.Id, 2027));
        var late = await database.Db.QuotaEntries.SingleAsync(e => e.SourceKey == "payment:2");
        Assert.Equal((2027, 1), (late.Year, late.Month));
    }

    [Fact]
    public async Task AReplayedSourceAddsNothing()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        Assert.True(await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:7")));
        Assert.False(await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:7")));
        await database.Db.SaveChangesAsync();
        Assert.False(await ledger.AppendAsync(new(school.Id, QuotaEntryKind.PaymentConfirmed, 1000, March, "payment:7")));
        await database.Db.SaveChangesAsync();
        Assert.Equal(1000, await ledger.CountedFenAsync(school.Id, 2026));
    }

    [Fact]
    public async Task TheDatabaseRefusesADuplicateSourceThatSlipsPastTheCheck()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var school = await database.Db.AddOrganisationAsync();
        database.Db.QuotaEntries.Add(new QuotaEntry { OrganisationId = school.Id, Kind = QuotaEntryKind.PaymentConfirmed, AmountFen = 1, Year = 2026, Month = 3, SourceKey = "dup" });
        await database.Db.SaveChangesAsync();
        database.Db.QuotaEntries.Add(new QuotaEntry { OrganisationId = school.Id, Kind = QuotaEntryKind.PaymentConfirmed, AmountFen = 1, Year = 2026, Month = 3, SourceKey = "dup" });
        await Assert.ThrowsAsync<DbUpdateException>(() => database.Db.SaveChangesAsync());
    }

    [Theory]
    [InlineData(QuotaEntryKind.PaymentConfirmed, -1)]
    [InlineData(QuotaEntryKind.PaymentConfirmed, 0)]
    [InlineData(QuotaEntryKind.Refund, 1)]
    [InlineData(QuotaEntryKind.Platform832Order, 0)]
    public async Task RefusesAnAmountOfTheWrongSign(QuotaEntryKind kind, long amount)
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new(1, kind, amount, March, "k")));
    }

    [Fact]
    public async Task ACorrectionNeedsAReason()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var ledger = new QuotaLedger(database.Db, TimeProvider.System);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new(1, QuotaEntryKind.AdminCorrection, -100, March, "correction:1")));
    }
}
