using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Storefront.Web.Security;

namespace Storefront.Web.Tests.Security;

/// <summary>The sign-in cookie's ticket decrypted once per cookie (issue 13), each request with a copy of its own.</summary>
public class KeptTicketsTests
{
    /// <summary>Stands in for the data-protected format: counts what it decrypts.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }
        // Whole seconds: the properties keep their times as text to the second, as the cookie does.
        public DateTimeOffset ExpiresUtc { get; set; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(8).ToUnixTimeSeconds());

        public string Protect(AuthenticationTicket data) => "cookie";
        public string Protect(AuthenticationTicket data, string? purpose) => "cookie";
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            if (protectedText != "good") return null;
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-1"), new Claim(ClaimTypes.Name, "school.buyer")], "Identity.Application"));
            return new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = ExpiresUtc.AddHours(-8), ExpiresUtc = ExpiresUtc }, "Identity.Application");
        }
    }

    [Fact]
    public void ACookieIsDecryptedOnceAndEachRequestGetsItsOwnCopy()
    {
        var format = new CountingFormat();
        using var kept = new KeptTickets(format);
        var first = kept.Unprotect("good")!;
        var second = kept.Unprotect("good")!;
        Assert.Equal(1, format.Unprotected);
        Assert.Equal("user-1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(format.ExpiresUtc, second.Properties.ExpiresUtc);

        // What one request does to its principal or properties is not seen by the next.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "Admin"));
        second.Properties.IssuedUtc = DateTimeOffset.UnixEpoch;
        var third = kept.Unprotect("good")!;
        Assert.False(third.Principal.IsInRole("Admin"));
        Assert.Equal(format.ExpiresUtc.AddHours(-8), third.Properties.IssuedUtc);
    }

    [Fact]
    public void ACookieThatDoesNotDecryptIsAskedAgainEachTimeAndAPurposeIsNeverKept()
    {
        var format = new CountingFormat();
        using var kept = new KeptTickets(format);
        Assert.Null(kept.Unprotect("forged"));
        Assert.Null(kept.Unprotect("forged"));
        Assert.Equal(2, format.Unprotected);

        kept.Unprotect("good", "another purpose");
        kept.Unprotect("good", "another purpose");
        Assert.Equal(4, format.Unprotected);
    }
}
