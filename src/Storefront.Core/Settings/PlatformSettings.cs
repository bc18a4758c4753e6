using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>The platform settings admins choose, read from the database on each use (no cache to go stale across instances).</summary>
public sealed class PlatformSettings(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>Whether a listing that was never published waits for an admin's review before it appears in the catalog.</summary>
    public const string RequireListingReviewKey = "Listings.RequireReview";

    public async Task<bool> RequireListingReviewAsync(CancellationToken ct = default) =>
        await db.PlatformSettings.AsNoTracking().Where(s => s.Key == RequireListingReviewKey).Select(s => s.Value).FirstOrDefaultAsync(ct) == "true";

    /// <summary>Changes the setting in the unit of work; the caller saves it together with its audit entry. False when unchanged.</summary>
    public async Task<bool> SetRequireListingReviewAsync(bool required, string? userId, CancellationToken ct = default)
    {
        var value = required ? "true" : "false";
        var setting = await db.PlatformSettings.FirstOrDefaultAsync(s => s.Key == RequireListingReviewKey, ct);
        if (setting?.Value == value || (setting is null && !required)) return false;
        if (setting is null)
        {
            setting = new PlatformSetting { Key = RequireListingReviewKey, Value = value };
            db.PlatformSettings.Add(setting);
        }
        setting.Value = value;
        setting.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        setting.UpdatedByUserId = userId;
        return true;
    }
}
