using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Quotas;

namespace Storefront.Web.Tests.Quotas;

public class AppendOnlyLedgerOnSqlite(StorefrontFactory factory) : AppendOnlyLedgerTests<StorefrontFactory>(factory);
public class AppendOnlyLedgerOnPostgreSql(PostgreSqlStorefrontFactory factory) : AppendOnlyLedgerTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The quota ledger is append-only in the database itself: whatever sends an UPDATE or DELETE is refused.</summary>
public abstract class AppendOnlyLedgerTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>An admin correction appended through the ledger, as the shop does: the row the tests then try to change.</summary>
    private async Task<long> AppendAsync()
    {
        Client();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var school = await db.Organisations.Where(o => o.Name == Ordering.OrderingSteps.School).Select(o => o.Id).SingleAsync();
        var key = $"test:append-only:{Guid.NewGuid():N}";
        await scope.ServiceProvider.GetRequiredService<QuotaLedger>().AppendAsync(new QuotaLedger.Draft(
            school, QuotaEntryKind.AdminCorrection, 1_234, DateTime.UtcNow, key, Note: "test"));
        await db.SaveChangesAsync();
        return await db.QuotaEntries.Where(e => e.SourceKey == key).Select(e => e.Id).SingleAsync();
    }

    [SkippableFact]
    public async Task AnUpdateOfALedgerEntryIsRefusedByTheDatabaseAndTheEntryStaysAsItWas()
    {
        var id = await AppendAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Factory.WithDbAsync(db =>
            db.QuotaEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.AmountFen, 999_999))));
        Assert.Contains(AppendOnlyLedger.Refusal, refused.Message);
        // Through the change tracker as well: the same trigger answers.
        var tracked = await Assert.ThrowsAnyAsync<Exception>(() => Factory.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"QuotaEntries\" SET \"Note\" = 'changed' WHERE \"Id\" = {0}", id);
        }));
        Assert.Contains(AppendOnlyLedger.Refusal, tracked.Message);
        var entry = await Factory.WithDbAsync(db => db.QuotaEntries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(1_234, entry.AmountFen);
        Assert.Equal("test", entry.Note);
    }

    [SkippableFact]
    public async Task ADeleteOfALedgerEntryIsRefusedByTheDatabase()
    {
        var id = await AppendAsync();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Factory.WithDbAsync(db =>
            db.QuotaEntries.Where(e => e.Id == id).ExecuteDeleteAsync()));
        Assert.Contains(AppendOnlyLedger.Refusal, refused.Message);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync(e => e.Id == id)));
    }

    [SkippableFact]
    public async Task ABulkInsertOfLedgerRowsIsRefusedSoTheMonthlyTotalsCannotBeBypassed()
    {
        Client();
        var before = await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Factory.WithDbAsync(db => db.InsertAsync(
            [new QuotaEntry { OrganisationId = 1, Kind = QuotaEntryKind.AdminCorrection, AmountFen = 5, Year = 2026, Month = 1, SourceKey = "bulk:1", Note = "x" }])));
        Assert.Contains("QuotaLedger", refused.Message);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.QuotaEntries.CountAsync()));
    }
}
