using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;

namespace Storefront.Core.Suppliers;

/// <summary>What a supplier says about itself when it joins or corrects its profile. A null bank account keeps the one on file.</summary>
public sealed record SupplierProfile(
    string Name,
    SupplierKind Kind,
    string CreditCode,
    string CountyCode,
    string Address,
    string ContactName,
    string ContactPhone,
    string BankName,
    string? BankAccount,
    string FarmerLinkDescription,
    int BenefitingHouseholds,
    int? PovertyLiftedHouseholds = null,
    int? MonitoredHouseholds = null);

public enum SupplierProfileField { Name, Kind, CreditCode, CountyCode, Address, ContactName, ContactPhone, BankName, BankAccount, FarmerLinkDescription, BenefitingHouseholds, PovertyLiftedHouseholds, MonitoredHouseholds }

/// <summary>A rule the profile breaks; <see cref="Code"/> names the message ("CreditCode.WrongCheckCharacter").</summary>
public sealed record SupplierProfileProblem(SupplierProfileField Field, string Code);

/// <summary>The rules of a supplier profile that need more than the form's own checks, and applying a checked one.</summary>
public sealed class SupplierProfiles(StorefrontDbContext db, DesignatedCounties counties, BankAccounts bankAccounts)
{
    /// <summary>
    /// The identity an admin verified (legal name, kind, credit code, county) is fixed once verified; a change to it
    /// would need a new verification, so it goes through the admins.
    /// </summary>
    public static bool IdentityIsFixed(Supplier supplier) => supplier.Status is VerificationStatus.Verified or VerificationStatus.Suspended;

    public async Task<IReadOnlyList<SupplierProfileProblem>> CheckAsync(SupplierProfile profile, Supplier? existing, CancellationToken ct = default)
    {
        var problems = new List<SupplierProfileProblem>();
        var identityFixed = existing is not null && IdentityIsFixed(existing);
        var excludedId = existing?.Id ?? 0;
        if (!identityFixed)
        {
            var code = UnifiedSocialCreditCode.Normalize(profile.CreditCode);
            var check = UnifiedSocialCreditCode.Check(code);
            if (check != UnifiedSocialCreditCode.Problem.None)
                problems.Add(new(SupplierProfileField.CreditCode, $"CreditCode.{check}"));
            else if (await db.Suppliers.AnyAsync(s => s.CreditCode == code && s.Id != excludedId, ct))
                problems.Add(new(SupplierProfileField.CreditCode, "CreditCode.Taken"));

            if (!Enum.IsDefined(profile.Kind)) problems.Add(new(SupplierProfileField.Kind, "Kind.Unknown"));

            var verdict = await counties.CheckAsync(profile.CountyCode, ct);
            if (verdict != DesignatedCounties.Verdict.Designated)
                problems.Add(new(SupplierProfileField.CountyCode, $"County.{verdict}"));
        }
        if (!PhoneLooksValid(profile.ContactPhone)) problems.Add(new(SupplierProfileField.ContactPhone, "Phone.Invalid"));
        if (profile.BenefitingHouseholds < 0) problems.Add(new(SupplierProfileField.BenefitingHouseholds, "Households.Negative"));
        if (profile.PovertyLiftedHouseholds < 0) problems.Add(new(SupplierProfileField.PovertyLiftedHouseholds, "Households.Negative"));
        if (profile.MonitoredHouseholds < 0) problems.Add(new(SupplierProfileField.MonitoredHouseholds, "Households.Negative"));

        if (profile.BankAccount is null)
        {
            if (existing?.BankAccountProtected is null) problems.Add(new(SupplierProfileField.BankAccount, "BankAccount.Empty"));
        }
        else
        {
            var bank = BankAccounts.Check(BankAccounts.Normalize(profile.BankAccount));
            if (bank != BankAccounts.Problem.None) problems.Add(new(SupplierProfileField.BankAccount, $"BankAccount.{bank}"));
        }
        return problems;
    }

    /// <summary>Copies a checked profile onto the supplier (the fixed identity of a verified one excepted).</summary>
    public void Apply(Supplier supplier, SupplierProfile profile)
    {
        if (!IdentityIsFixed(supplier))
        {
            supplier.Name = profile.Name.Trim();
            supplier.Kind = profile.Kind;
            supplier.CreditCode = UnifiedSocialCreditCode.Normalize(profile.CreditCode);
            supplier.CountyCode = profile.CountyCode;
        }
        supplier.Address = profile.Address.Trim();
        supplier.ContactName = profile.ContactName.Trim();
        supplier.ContactPhone = profile.ContactPhone.Trim();
        supplier.BankName = profile.BankName.Trim();
        if (profile.BankAccount is not null) bankAccounts.Set(supplier, BankAccounts.Normalize(profile.BankAccount));
        supplier.FarmerLinkDescription = profile.FarmerLinkDescription.Trim();
        supplier.BenefitingHouseholds = profile.BenefitingHouseholds;
        supplier.PovertyLiftedHouseholds = profile.PovertyLiftedHouseholds;
        supplier.MonitoredHouseholds = profile.MonitoredHouseholds;
    }

    /// <summary>A landline ("0743-5281306") or mobile ("13800138000"): digits with the usual separators, 7 to 20 digits.</summary>
    public static bool PhoneLooksValid(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return false;
        var digits = 0;
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not ('-' or ' ' or '+' or '(' or ')' or '（' or '）')) return false;
        }
        return digits is >= 7 and <= 20;
    }
}
