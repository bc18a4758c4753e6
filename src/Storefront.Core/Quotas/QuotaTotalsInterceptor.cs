using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Storefront.Core.Data;

namespace Storefront.Core.Quotas;

/// <summary>
/// Keeps <see cref="QuotaMonthlyTotal"/> and <see cref="QuotaImpactTotal"/> in step with the ledger: when a save adds
/// quota entries, their amounts are added to the totals with an atomic upsert (INSERT … ON CONFLICT DO UPDATE, on
/// SQLite and PostgreSQL alike) in the same transaction as the entries. Concurrent saves for the same month queue on
/// the row instead of overwriting each other; a save that fails (a duplicate source key) takes its totals with it.
/// </summary>
public sealed class QuotaTotalsInterceptor : SaveChangesInterceptor
{
    public static readonly QuotaTotalsInterceptor Instance = new();

    private const string Savepoint = "quota_totals";

    /// <summary>What this interceptor opened for a save in progress: its own transaction, or a savepoint in the caller's.</summary>
    private sealed class Pending(IDbContextTransaction transaction, bool owned)
    {
        public IDbContextTransaction Transaction { get; } = transaction;
        public bool Owned { get; } = owned;
    }

    private static readonly ConditionalWeakTable<DbContext, Pending> InProgress = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is StorefrontDbContext db && Added(db) is { Count: > 0 } added)
        {
            var current = db.Database.CurrentTransaction;
            if (current is null) InProgress.AddOrUpdate(db, new Pending(await db.Database.BeginTransactionAsync(cancellationToken), owned: true));
            else if (current.SupportsSavepoints)
            {
                await current.CreateSavepointAsync(Savepoint, cancellationToken);
                InProgress.AddOrUpdate(db, new Pending(current, owned: false));
            }
            try
            {
                foreach (var (sql, parameters) in Upserts(added))
                    await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
            }
            catch
            {
                await UndoAsync(db, CancellationToken.None);
                throw;
            }
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is StorefrontDbContext db && Added(db) is { Count: > 0 } added)
        {
            var current = db.Database.CurrentTransaction;
            if (current is null) InProgress.AddOrUpdate(db, new Pending(db.Database.BeginTransaction(), owned: true));
            else if (current.SupportsSavepoints)
            {
                current.CreateSavepoint(Savepoint);
                InProgress.AddOrUpdate(db, new Pending(current, owned: false));
            }
            try
            {
                foreach (var (sql, parameters) in Upserts(added))
                    db.Database.ExecuteSqlRaw(sql, parameters);
            }
            catch
            {
                UndoAsync(db, CancellationToken.None).GetAwaiter().GetResult();
                throw;
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && InProgress.TryGetValue(db, out var pending))
        {
            InProgress.Remove(db);
            if (pending.Owned)
            {
                await pending.Transaction.CommitAsync(cancellationToken);
                await pending.Transaction.DisposeAsync();
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && InProgress.TryGetValue(db, out var pending))
        {
            InProgress.Remove(db);
            if (pending.Owned)
            {
                pending.Transaction.Commit();
                pending.Transaction.Dispose();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await UndoAsync(eventData.Context, cancellationToken);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => UndoAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await UndoAsync(eventData.Context, CancellationToken.None);

    private static async Task UndoAsync(DbContext? db, CancellationToken ct)
    {
        if (db is null || !InProgress.TryGetValue(db, out var pending)) return;
        InProgress.Remove(db);
        if (pending.Owned)
        {
            await pending.Transaction.RollbackAsync(ct);
            await pending.Transaction.DisposeAsync();
        }
        else
        {
            // The caller's transaction goes on (and may save again): only the totals of this save are taken back.
            await pending.Transaction.RollbackToSavepointAsync(Savepoint, ct);
        }
    }

    private static List<QuotaEntry> Added(StorefrontDbContext db) =>
        db.ChangeTracker.Entries<QuotaEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    /// <summary>One upsert per month and organisation, then per month, county and supplier, in key order so that concurrent saves lock rows in the same order.</summary>
    internal static IEnumerable<(string Sql, object[] Parameters)> Upserts(IReadOnlyCollection<QuotaEntry> added)
    {
        foreach (var g in added.GroupBy(e => (e.OrganisationId, e.Year, e.Month)).OrderBy(g => g.Key))
            yield return (MonthlySql, [g.Key.OrganisationId, g.Key.Year, g.Key.Month, g.Sum(e => e.AmountFen), g.Count()]);
        foreach (var g in added.GroupBy(e => (e.Year, e.Month, County: e.CountyCode ?? QuotaImpactTotal.NoCounty, Supplier: e.SupplierId ?? QuotaImpactTotal.NoSupplier)).OrderBy(g => g.Key))
            yield return (ImpactSql, [g.Key.Year, g.Key.Month, g.Key.County, g.Key.Supplier, g.Sum(e => e.AmountFen), g.Count()]);
    }

    private const string MonthlySql =
        "INSERT INTO \"QuotaMonthlyTotals\" (\"OrganisationId\", \"Year\", \"Month\", \"AmountFen\", \"EntryCount\") VALUES ({0}, {1}, {2}, {3}, {4}) " +
        "ON CONFLICT (\"OrganisationId\", \"Year\", \"Month\") DO UPDATE SET " +
        "\"AmountFen\" = \"QuotaMonthlyTotals\".\"AmountFen\" + excluded.\"AmountFen\", \"EntryCount\" = \"QuotaMonthlyTotals\".\"EntryCount\" + excluded.\"EntryCount\"";

    private const string ImpactSql =
        "INSERT INTO \"QuotaImpactTotals\" (\"Year\", \"Month\", \"CountyCode\", \"SupplierId\", \"AmountFen\", \"EntryCount\") VALUES ({0}, {1}, {2}, {3}, {4}, {5}) " +
        "ON CONFLICT (\"Year\", \"Month\", \"CountyCode\", \"SupplierId\") DO UPDATE SET " +
        "\"AmountFen\" = \"QuotaImpactTotals\".\"AmountFen\" + excluded.\"AmountFen\", \"EntryCount\" = \"QuotaImpactTotals\".\"EntryCount\" + excluded.\"EntryCount\"";

    /// <summary>
    /// Rebuilds every total from the entries, for a bulk load that went around EF (the benchmark's COPY). Not for
    /// repairing drift, which reconciliation reports so that a person can find its cause.
    /// </summary>
    public static async Task RebuildAsync(StorefrontDbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"QuotaMonthlyTotals\"", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"QuotaImpactTotals\"", ct);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"QuotaMonthlyTotals\" (\"OrganisationId\", \"Year\", \"Month\", \"AmountFen\", \"EntryCount\") " +
            "SELECT \"OrganisationId\", \"Year\", \"Month\", SUM(\"AmountFen\"), COUNT(*) FROM \"QuotaEntries\" GROUP BY \"OrganisationId\", \"Year\", \"Month\"", ct);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"QuotaImpactTotals\" (\"Year\", \"Month\", \"CountyCode\", \"SupplierId\", \"AmountFen\", \"EntryCount\") " +
            "SELECT \"Year\", \"Month\", COALESCE(\"CountyCode\", '000000'), COALESCE(\"SupplierId\", 0), SUM(\"AmountFen\"), COUNT(*) FROM \"QuotaEntries\" " +
            "GROUP BY \"Year\", \"Month\", COALESCE(\"CountyCode\", '000000'), COALESCE(\"SupplierId\", 0)", ct);
    }
}
