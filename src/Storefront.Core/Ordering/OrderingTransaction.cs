using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>
/// Runs a change to orders in one transaction: the work returns whether to commit. A concurrent change to the same
/// order (its version moved) rolls everything back and is reported as a conflict; a failed insert is reported as a
/// duplicate when <c>isDuplicate</c> finds that what it inserts now exists (a concurrent twin), and thrown otherwise.
/// </summary>
internal static class OrderingTransaction
{
    public enum Ending { Committed, RolledBack, Conflict, Duplicate }

    public static async Task<Ending> RunAsync(StorefrontDbContext db, Func<Task<bool>> work, CancellationToken ct, Func<Task<bool>>? isDuplicate = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (!await work())
            {
                await RollBackAsync(db, transaction);
                return Ending.RolledBack;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Ending.Committed;
        }
        catch (DbUpdateConcurrencyException)
        {
            await RollBackAsync(db, transaction);
            return Ending.Conflict;
        }
        catch (DbUpdateException) when (isDuplicate is not null)
        {
            await RollBackAsync(db, transaction);
            if (await isDuplicate()) return Ending.Duplicate;
            throw;
        }
    }

    private static async Task RollBackAsync(StorefrontDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        // What was tracked describes the rolled-back state; the caller reloads what it shows next.
        db.ChangeTracker.Clear();
    }
}
