using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Storefront.Web.Setup;

/// <summary>Identity's error messages in the person's language, from the shared resource file.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer localizer) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = localizer[$"Identity.{code}", args] };

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateEmail), userName);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? "");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidEmail), userName ?? "");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));
}
