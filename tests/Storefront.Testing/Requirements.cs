using Xunit;

namespace Storefront.Testing;

/// <summary>
/// PostgreSQL and browser tests skip, with the reason, where their dependency is missing, and fail instead when CI
/// requires them (STOREFRONT_REQUIRE_POSTGRES=1, STOREFRONT_REQUIRE_BROWSER=1).
/// </summary>
public static class Requirements
{
    public static bool PostgresRequired => Environment.GetEnvironmentVariable("STOREFRONT_REQUIRE_POSTGRES") == "1";
    public static bool BrowserRequired => Environment.GetEnvironmentVariable("STOREFRONT_REQUIRE_BROWSER") == "1";

    /// <summary>Skips the test when the dependency is missing and not required; fails it when required.</summary>
    public static void Need(bool available, bool required, string reason)
    {
        if (available) return;
        if (required) throw new InvalidOperationException($"Required but unavailable: {reason}");
        Skip.If(true, reason);
    }
}
