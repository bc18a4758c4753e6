using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Core.Suppliers;

/// <summary>
/// The settlement account number is kept encrypted with ASP.NET Core data protection (keys in the database, shared by
/// every instance), and shown masked. Only an admin's deliberate, audited request reads it back.
/// </summary>
public sealed class BankAccounts(IDataProtectionProvider protection)
{
    public const int MinDigits = 8;
    public const int MaxDigits = 32;

    private readonly IDataProtector _protector = protection.CreateProtector("Storefront.Suppliers.BankAccount.v1");

    public enum Problem { None, Empty, NotDigits, WrongLength }

    /// <summary>Digits only: spaces and dashes people type to group digits go, full-width digits become half-width.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "";
        var chars = new List<char>(input.Length);
        foreach (var raw in input)
        {
            var c = raw is >= '\uFF10' and <= '\uFF19' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c is '-' or '\u3000') continue;
            chars.Add(c);
        }
        return new string(chars.ToArray());
    }

    public static Problem Check(string? normalized)
    {
        if (string.IsNullOrEmpty(normalized)) return Problem.Empty;
        if (!normalized.All(char.IsAsciiDigit)) return Problem.NotDigits;
        return normalized.Length is < MinDigits or > MaxDigits ? Problem.WrongLength : Problem.None;
    }

    public static string Mask(string last4) => "**** " + last4;

    /// <summary>Stores a checked, normalised account number on the supplier, encrypted.</summary>
    public void Set(Supplier supplier, string normalized)
    {
        if (Check(normalized) != Problem.None) throw new ArgumentException("Check the account number first.", nameof(normalized));
        supplier.SetBankAccount(_protector.Protect(normalized), normalized[^4..]);
    }

    /// <summary>The account number in clear, or null when none is on file or the keys that encrypted it are gone.</summary>
    public string? Reveal(Supplier supplier)
    {
        if (supplier.BankAccountProtected is null) return null;
        try { return _protector.Unprotect(supplier.BankAccountProtected); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
