using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Storefront.Web.Security;

/// <summary>
/// The sign-in cookie's format, with each cookie's decrypted ticket kept for the next request that sends the same
/// cookie: decrypting and checking it was a tenth of a signed-in person's shared catalog page (issue 13's profile).
/// A kept ticket is the one the cookie holds, so everything the cookie handler checks still holds: its expiry, and
/// the security stamp once the validation interval has passed. Each request gets its own copy, so nothing one request
/// changes in its principal reaches another.
/// </summary>
public sealed class KeptTickets(ISecureDataFormat<AuthenticationTicket> format) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public string Protect(AuthenticationTicket data) => format.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => format.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return format.Unprotect(protectedText, purpose);
        if (_tickets.TryGetValue(protectedText, out AuthenticationTicket? kept) && kept is not null) return Copy(kept);
        var ticket = format.Unprotect(protectedText);
        if (ticket is null) return null;
        var entry = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };
        if (ticket.Properties.ExpiresUtc is { } expires) entry.AbsoluteExpiration = expires;
        _tickets.Set(protectedText, Copy(ticket), entry);
        return ticket;
    }

    // ClaimsPrincipal.Clone shares its identities: each is copied, with its claims.
    private static AuthenticationTicket Copy(AuthenticationTicket ticket) =>
        new(new ClaimsPrincipal(ticket.Principal.Identities.Select(i => i.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);

    public void Dispose() => _tickets.Dispose();
}
