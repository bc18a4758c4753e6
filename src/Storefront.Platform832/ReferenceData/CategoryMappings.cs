using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;

namespace Storefront.Platform832.ReferenceData;

/// <summary>
/// The admins' mapping of the shop's categories to the platform's. Making or changing a mapping sends the category's
/// listings again: those that waited for it go out, and those the platform already holds get a new revision, since
/// the category they are filed under there has changed (DESIGN.md rule 6).
/// </summary>
public static class CategoryMappings
{
    public enum Problem { None, UnknownShopCategory, UnknownPlatformCategory }

    /// <summary>
    /// One shop category as the mapping page shows it: its group, the platform category it is mapped to (and whether
    /// the platform still lists that code), the suggestion by name, and its listings that the platform should hold.
    /// </summary>
    public sealed record Row(
        int CategoryId, string Code, string Name, string NameEn, string? GroupName, string? GroupNameEn,
        string? MappedCode, Platform832Category? Mapped, CategorySuggestions.Candidate? Suggestion, int Listings, int Waiting)
    {
        /// <summary>Mapped to a code the platform lists: its listings may go.</summary>
        public bool IsMapped => Mapped is not null;
    }

    /// <summary>The shop's leaf categories (listings are filed under leaves only), in the catalog's order.</summary>
    public static async Task<IReadOnlyList<Row>> RowsAsync(StorefrontDbContext db, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        var groups = categories.Where(c => c.ParentCode is null).ToDictionary(c => c.Code);
        var platform = await db.Platform832Categories.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var platformByCode = platform.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var candidates = platform.Select(c => new CategorySuggestions.Candidate(c.Code, c.Name, c.ParentCode)).ToList();
        var mappings = await db.Platform832CategoryMappings.AsNoTracking().ToDictionaryAsync(m => m.CategoryId, m => m.PlatformCategoryCode, ct);
        var listings = await db.Listings.AsNoTracking()
            .Where(l => l.Supplier.Platform832Code != null && (l.Status == ListingStatus.Published || db.ListingSyncRecords.Any(r => r.ListingId == l.Id)))
            .GroupBy(l => l.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var waiting = await db.ListingSyncRecords.AsNoTracking()
            .Where(r => r.State == ListingSyncState.Waiting && (r.WaitReasons & ListingWaitReasons.CategoryUnmapped) != 0)
            .GroupBy(r => r.Listing.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return categories.Where(c => c.ParentCode is not null).Select(c =>
        {
            var group = groups.GetValueOrDefault(c.ParentCode!);
            var mappedCode = mappings.GetValueOrDefault(c.Id);
            return new Row(c.Id, c.Code, c.Name, c.NameEn, group?.Name, group?.NameEn, mappedCode,
                mappedCode is null ? null : platformByCode.GetValueOrDefault(mappedCode),
                CategorySuggestions.Suggest(c.Name, group?.Name, candidates),
                listings.GetValueOrDefault(c.Id), waiting.GetValueOrDefault(c.Id));
        }).ToList();
    }

    /// <summary>Accepts the suggestion of every category not mapped to a listed code; returns how many were mapped.</summary>
    public static async Task<(int Mapped, int Queued)> AcceptAllSuggestionsAsync(StorefrontDbContext db, string? mappedBy, DateTime nowUtc, CancellationToken ct)
    {
        int mapped = 0, queued = 0;
        foreach (var row in (await RowsAsync(db, ct)).Where(r => !r.IsMapped && r.Suggestion is not null))
        {
            var (problem, count) = await MapAsync(db, row.CategoryId, row.Suggestion!.Code, mappedBy, nowUtc, ct);
            if (problem != Problem.None) continue;
            mapped++;
            queued += count;
        }
        return (mapped, queued);
    }

    /// <summary>Maps one shop category (or removes its mapping when the code is null). Saves nothing: the caller does.</summary>
    public static async Task<(Problem Problem, int Queued)> MapAsync(StorefrontDbContext db, int categoryId, string? platformCode, string? mappedBy, DateTime nowUtc, CancellationToken ct)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId, ct)) return (Problem.UnknownShopCategory, 0);
        platformCode = string.IsNullOrWhiteSpace(platformCode) ? null : platformCode.Trim();
        if (platformCode is not null && !await db.Platform832Categories.AnyAsync(c => c.Code == platformCode, ct)) return (Problem.UnknownPlatformCategory, 0);
        var mapping = await db.Platform832CategoryMappings.FirstOrDefaultAsync(m => m.CategoryId == categoryId, ct);
        if (mapping?.PlatformCategoryCode == platformCode) return (Problem.None, 0);
        if (platformCode is null) db.Platform832CategoryMappings.Remove(mapping!);
        else if (mapping is null) db.Platform832CategoryMappings.Add(new Platform832CategoryMapping { CategoryId = categoryId, PlatformCategoryCode = platformCode, MappedAtUtc = nowUtc, MappedBy = mappedBy });
        else
        {
            mapping.PlatformCategoryCode = platformCode;
            mapping.MappedAtUtc = nowUtc;
            mapping.MappedBy = mappedBy;
        }
        return (Problem.None, await QueueCategoryAsync(db, categoryId, nowUtc, ct));
    }

    /// <summary>Queues the listings of a category that the platform holds or should hold; raises the revision of those it holds.</summary>
    private static async Task<int> QueueCategoryAsync(StorefrontDbContext db, int categoryId, DateTime nowUtc, CancellationToken ct)
    {
        var listings = await db.Listings.AsNoTracking()
            .Where(l => l.CategoryId == categoryId && l.Supplier.Platform832Code != null)
            .Select(l => new
            {
                l.Id,
                l.Status,
                Held = db.ListingSyncRecords.Any(r => r.ListingId == l.Id && r.RevisionAcknowledged != null),
                Known = db.ListingSyncRecords.Any(r => r.ListingId == l.Id),
            })
            .ToListAsync(ct);
        var held = listings.Where(l => l.Held).Select(l => l.Id).ToList();
        foreach (var chunk in held.Chunk(500))
        {
            var ids = chunk.ToList();
            await db.Listings.Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Revision, l => l.Revision + 1), ct);
        }
        var queued = listings.Where(l => l.Known || l.Status == ListingStatus.Published).Select(l => l.Id).ToList();
        db.ListingSyncJobs.AddRange(queued.Select(id => ListingSyncJob.For(id, nowUtc)));
        return queued.Count;
    }
}
