using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832;

/// <summary>Reads and records the stored state of the adapter's jobs.</summary>
public static class Platform832JobStates
{
    public static async Task<Platform832JobState> GetAsync(StorefrontDbContext db, string name, CancellationToken ct)
    {
        var state = await db.Platform832JobStates.FirstOrDefaultAsync(s => s.Name == name, ct);
        if (state is not null) return state;
        state = new Platform832JobState { Name = name };
        db.Platform832JobStates.Add(state);
        return state;
    }

    /// <summary>Notes a run for the monitor: when, how many items, and the error that stopped or troubled it, kept with its time.</summary>
    public static async Task RecordRunAsync(StorefrontDbContext db, string name, int items, string? error, DateTime nowUtc, CancellationToken ct)
    {
        var state = await GetAsync(db, name, ct);
        Note(state, items, error, nowUtc);
        await db.SaveChangesAsync(ct);
    }

    public static void Note(Platform832JobState state, int items, string? error, DateTime nowUtc)
    {
        state.LastRunAtUtc = nowUtc;
        state.LastRunItems = items;
        if (error is null) return;
        state.LastError = SyncScope.Truncate(error, ListingSyncRecord.ErrorMaxLength);
        state.LastErrorAtUtc = nowUtc;
    }
}
