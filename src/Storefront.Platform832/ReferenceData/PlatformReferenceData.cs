using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.ReferenceData;

/// <summary>
/// The platform's categories and accepted counties (API.md section 3), read on start and daily and kept with the time
/// they were read. A listing is checked against them before it is sent; when they change, the listings that waited
/// for them are queued again.
/// </summary>
public sealed class PlatformReferenceData(
    StorefrontDbContext db,
    Platform832Client client,
    IOptions<Platform832Options> options,
    TimeProvider clock,
    ILogger<PlatformReferenceData> logger)
{
    public sealed record Outcome(int Categories, int Counties, int Requeued, string? Error);

    /// <summary>When the lists were last read; null when never.</summary>
    public async Task<DateTime?> ReadAtAsync(CancellationToken ct = default) =>
        await db.Platform832Categories.MaxAsync(c => (DateTime?)c.ReadAtUtc, ct);

    /// <summary>True when the lists were never read or were read longer ago than <see cref="Platform832Options.ReferenceDataInterval"/>.</summary>
    public async Task<bool> IsDueAsync(CancellationToken ct = default) =>
        await ReadAtAsync(ct) is not { } at || clock.GetUtcNow().UtcDateTime - at >= options.Value.ReferenceDataInterval;

    /// <summary>Reads the lists once if they were never read (the sync cannot check a listing without them).</summary>
    public async Task<Outcome?> EnsureReadAsync(CancellationToken ct = default) =>
        await db.Platform832Categories.AnyAsync(ct) ? null : await RefreshAsync(ct);

    /// <summary>
    /// Reads both lists and replaces the stored ones. An answer that fails, or an empty list (which no platform
    /// means), keeps what was stored: a passing fault must not unmap every listing.
    /// </summary>
    public async Task<Outcome> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = await client.GetCategoriesAsync(ct);
        var counties = categories.IsSuccess ? await client.GetCountiesAsync(ct) : null;
        string? error = !categories.IsSuccess ? "categories: " + categories.Describe()
            : !counties!.IsSuccess ? "counties: " + counties.Describe()
            : categories.Value.Count == 0 ? "categories: the platform listed none"
            : counties.Value.Count == 0 ? "counties: the platform listed none"
            : null;
        if (error is not null)
        {
            logger.LogWarning("832 reference data not read: {Error}", error);
            await Platform832JobStates.RecordRunAsync(db, Platform832JobState.ReferenceData, 0, error, now, ct);
            return new Outcome(0, 0, 0, error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var storedCategories = await db.Platform832Categories.ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        foreach (var category in categories.Value.Where(c => IsStorable(c.Code, Platform832Category.CodeMaxLength)).DistinctBy(c => c.Code))
        {
            if (!storedCategories.Remove(category.Code, out var stored))
                db.Platform832Categories.Add(stored = new Platform832Category { Code = category.Code, Name = "" });
            stored.Name = Sync.SyncScope.Truncate(category.Name ?? category.Code, Platform832Category.NameMaxLength);
            stored.ParentCode = category.ParentCode is { } parent && IsStorable(parent, Platform832Category.CodeMaxLength) ? parent : null;
            stored.ReadAtUtc = now;
        }
        db.Platform832Categories.RemoveRange(storedCategories.Values);

        var storedCounties = await db.Platform832Counties.ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        foreach (var county in counties!.Value.Where(c => IsStorable(c.Code, 6)).DistinctBy(c => c.Code))
        {
            if (!storedCounties.Remove(county.Code, out var stored))
                db.Platform832Counties.Add(stored = new Platform832County { Code = county.Code, Name = "" });
            stored.Name = Sync.SyncScope.Truncate(county.Name ?? county.Code, Platform832Category.NameMaxLength);
            stored.Province = county.Province is null ? null : Sync.SyncScope.Truncate(county.Province, Platform832Category.NameMaxLength);
            stored.ReadAtUtc = now;
        }
        db.Platform832Counties.RemoveRange(storedCounties.Values);
        await db.SaveChangesAsync(ct);

        // What waited may go now (a county added), and what the platform dropped is checked again before it is sent.
        var requeued = await RequeueWaitingAsync(db, null, now, ct);
        await Platform832JobStates.RecordRunAsync(db, Platform832JobState.ReferenceData, categories.Value.Count + counties.Value.Count, null, now, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("832 reference data read: {Categories} categories, {Counties} counties; {Requeued} waiting listings queued",
            categories.Value.Count, counties.Value.Count, requeued);
        return new Outcome(categories.Value.Count, counties.Value.Count, requeued, null);
    }

    private static bool IsStorable(string? code, int maxLength) => !string.IsNullOrWhiteSpace(code) && code.Length <= maxLength;

    /// <summary>Gives every waiting listing (of one shop category, or all) a sync job, so that it is checked again.</summary>
    public static async Task<int> RequeueWaitingAsync(StorefrontDbContext db, int? categoryId, DateTime nowUtc, CancellationToken ct)
    {
        var waiting = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Waiting && (categoryId == null || r.Listing.CategoryId == categoryId))
            .Select(r => r.ListingId)
            .ToListAsync(ct);
        db.ListingSyncJobs.AddRange(waiting.Select(id => ListingSyncJob.For(id, nowUtc)));
        await db.SaveChangesAsync(ct);
        return waiting.Count;
    }
}
