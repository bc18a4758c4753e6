using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;

namespace Storefront.Core.Tests;

/// <summary>Test data with sensible defaults: only what a test is about needs saying.</summary>
public static class Builders
{
    private static int _sequence;

    public static async Task<Organisation> AddOrganisationAsync(this StorefrontDbContext db, OrganisationType type = OrganisationType.School, string region = "430104")
    {
        var n = Interlocked.Increment(ref _sequence);
        var organisation = new Organisation
        {
            Name = $"测试单位{n}",
            Type = type,
            CreditCode = UnifiedSocialCreditCode.Complete($"12{region}MB{n:D7}"),
            RegionCode = region,
            Status = VerificationStatus.Verified,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public static async Task<StorefrontUser> AddUserAsync(this StorefrontDbContext db, string? email = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        email ??= $"person{n}@example.cn";
        var user = new StorefrontUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = $"Person {n}" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }
}
