using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>The platform settings admins choose, read from the database on each use (no cache to go stale across instances).</summary>
public sealed class PlatformSettings(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>Whether a listing that was never published waits for an admin's review before it appears in the catalog.</summary>
    public const string RequireListingReviewKey = "Listings.RequireReview";

    public const string CollectionHolderKey = "CollectionAccount.Holder";
    public const string CollectionBankKey = "CollectionAccount.Bank";
    public const string CollectionNumberKey = "CollectionAccount.Number";
    private static readonly string[] CollectionKeys = [CollectionHolderKey, CollectionBankKey, CollectionNumberKey];

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

    /// <summary>The collection account buyers transfer to; null until an admin sets all of it.</summary>
    public async Task<CollectionAccount?> CollectionAccountAsync(CancellationToken ct = default)
    {
        var values = await db.PlatformSettings.AsNoTracking().Where(s => CollectionKeys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        return values.TryGetValue(CollectionHolderKey, out var holder) && values.TryGetValue(CollectionBankKey, out var bank)
            && values.TryGetValue(CollectionNumberKey, out var number) && holder.Length > 0 && bank.Length > 0 && number.Length > 0
            ? new CollectionAccount(holder, bank, number)
            : null;
    }

    /// <summary>Sets (or, with null, clears) the collection account in the unit of work; the caller saves it with its audit entry. False when unchanged.</summary>
    public async Task<bool> SetCollectionAccountAsync(CollectionAccount? account, string? userId, CancellationToken ct = default)
    {
        if (await CollectionAccountAsync(ct) == account) return false;
        var settings = await db.PlatformSettings.Where(s => CollectionKeys.Contains(s.Key)).ToListAsync(ct);
        void Set(string key, string value)
        {
            var setting = settings.FirstOrDefault(s => s.Key == key);
            if (setting is null) db.PlatformSettings.Add(setting = new PlatformSetting { Key = key, Value = value });
            setting.Value = value;
            setting.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            setting.UpdatedByUserId = userId;
        }
        Set(CollectionHolderKey, account?.Holder ?? "");
        Set(CollectionBankKey, account?.Bank ?? "");
        Set(CollectionNumberKey, account?.Number ?? "");
        return true;
    }
}
