using Microsoft.AspNetCore.Identity;
using Storefront.Core.People;

namespace Storefront.Web.Security;

/// <summary>
/// Signs a person in by email and password so that the answer tells nothing about which addresses have accounts:
/// an unknown address costs a password hash verification as an existing one does, and a wrong password, an unknown
/// address and a locked account get the same refusal. Only someone who gives the right password learns that their
/// address is not confirmed yet. (Identity's own PasswordSignInAsync looks at lockout and confirmation before the
/// password, which answers faster, and differently, for those accounts.)
/// </summary>
public sealed class AccountSignIn(UserManager<StorefrontUser> users, SignInManager<StorefrontUser> signIn, IPasswordHasher<StorefrontUser> hasher)
{
    public enum Outcome { SignedIn, Refused, Unconfirmed }

    private static readonly StorefrontUser Nobody = new();
    private static readonly Lock DecoyLock = new();
    private static string? _decoyHash;

    public async Task<(Outcome Outcome, StorefrontUser? User)> SignInAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, DecoyHash(), password);
            return (Outcome.Refused, null);
        }
        var lockedOut = await users.IsLockedOutAsync(user);
        // Checked even when locked out, so that a locked account takes as long as any other; the result is not told.
        var correct = await users.CheckPasswordAsync(user, password);
        if (lockedOut) return (Outcome.Refused, null);
        if (!correct)
        {
            await users.AccessFailedAsync(user);
            return (Outcome.Refused, null);
        }
        if (!user.EmailConfirmed) return (Outcome.Unconfirmed, user);
        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, remember);
        return (Outcome.SignedIn, user);
    }

    /// <summary>The work registering costs for an address that already has an account: the hash a new one would get.</summary>
    public void HashAsForANewAccount(string password) => hasher.HashPassword(Nobody, password);

    /// <summary>A hash of a random password made by the shop's own hasher, so that verifying against it costs what a real one does.</summary>
    private string DecoyHash()
    {
        lock (DecoyLock) return _decoyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
    }
}
