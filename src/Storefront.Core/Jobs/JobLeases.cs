using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Jobs;

/// <summary>Takes, renews and gives back job leases with conditional updates, safe between instances.</summary>
public sealed class JobLeases(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>Takes the lease (or renews it, for its holder) until now + duration; false while another holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct = default)
    {
        await EnsureExistsAsync(name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.Holder == null || l.Holder == holder || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Holder, holder)
                .SetProperty(l => l.ExpiresAtUtc, until)
                .SetProperty(l => l.AcquiredAtUtc, now), ct);
        return taken == 1;
    }

    public Task ReleaseAsync(string name, string holder, bool succeeded, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return succeeded
            ? db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.LastSucceededAtUtc, now), ct)
            : db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null), ct);
    }

    private async Task EnsureExistsAsync(string name, CancellationToken ct)
    {
        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct)) return;
        // Instances started together all find it missing: one insert wins, the others do nothing (and log no error).
        var expired = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"JobLeases\" (\"Name\", \"ExpiresAtUtc\") VALUES ({name}, {expired}) ON CONFLICT (\"Name\") DO NOTHING", ct);
    }
}
