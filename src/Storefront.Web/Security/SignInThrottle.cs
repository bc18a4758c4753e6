using System.Net;
using System.Threading.RateLimiting;

namespace Storefront.Web.Security;

/// <summary>
/// Limits sign-in and registration attempts per client address and per account, before a password is checked.
/// Lockout (Identity) stops guessing one account's password; this also stops one address trying many accounts and
/// many addresses hammering one account. Limits are per instance: lockout, kept in the database, is the shared guard.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IConfiguration configuration)
    {
        var perAddress = configuration.GetValue("Security:SignInAttemptsPerAddressPerMinute", 20);
        var perAccount = configuration.GetValue("Security:SignInAttemptsPerAccountPerQuarterHour", 10);
        _perAddress = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = perAddress, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = perAccount, Window = TimeSpan.FromMinutes(15), SegmentsPerWindow = 5, QueueLimit = 0 }));
    }

    /// <summary>True when the attempt may go ahead; both limits are charged.</summary>
    public bool TryAttempt(IPAddress? address, string? account)
    {
        using var byAddress = _perAddress.AttemptAcquire(address?.ToString() ?? "unknown");
        if (!byAddress.IsAcquired) return false;
        if (string.IsNullOrWhiteSpace(account)) return true;
        using var byAccount = _perAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return byAccount.IsAcquired;
    }

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }
}
