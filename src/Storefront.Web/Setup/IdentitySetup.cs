using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.People;

namespace Storefront.Web.Setup;

public static class IdentitySetup
{
    public const string AuthCookieName = "sf.auth";

    public static void AddStorefrontIdentity(this WebApplicationBuilder builder)
    {
        var security = builder.Configuration.GetSection("Security");
        builder.Services
            .AddIdentity<StorefrontUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.GetValue("LockoutAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.GetValue("LockoutMinutes", 15));
                // Nobody signs in before opening the link mailed to their address (demo accounts are confirmed).
                o.SignIn.RequireConfirmedEmail = true;
                o.Tokens.PasswordResetTokenProvider = PasswordResetTokens.ProviderName;
            })
            .AddEntityFrameworkStores<StorefrontDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokens>(PasswordResetTokens.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        var cookies = Security.CookieSecurity.From(builder.Configuration, builder.Environment);
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = cookies.Policy;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Identity's validator is made (with a user manager and a sign-in manager) on every request only to find
            // that the interval has not passed; it is asked only when it has, which is the same rule, measured once.
            o.Events.OnValidatePrincipal = context =>
            {
                var stamps = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stamps.TimeProvider ?? TimeProvider.System).GetUtcNow();
                return context.Properties.IssuedUtc is { } issued && now - issued <= stamps.ValidationInterval
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // After Identity's own post-configuration has made the cookie's format: each cookie is decrypted once (KeptTickets).
        builder.Services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme,
            o => o.TicketDataFormat = new Security.KeptTickets(o.TicketDataFormat));
        // A removed member or a locked account loses access on the next request, not when the cookie expires.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<Security.CurrentActor>();
        builder.Services.AddScoped<Security.AccountSignIn>();
        builder.Services.AddScoped<Pages.Account.AccountMail>();
        // Confirmation links last a day (Identity's default); a reset link, which opens the account, two hours.
        builder.Services.Configure<PasswordResetTokenOptions>(o => o.TokenLifespan = security.GetValue("PasswordResetLinkLifetime", TimeSpan.FromHours(2)));
    }
}

/// <summary>
/// Password reset tokens: Identity's data-protected tokens with their own lifetime. Each carries the account's
/// security stamp, which a reset changes, so a link works once.
/// </summary>
public sealed class PasswordResetTokens(IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<StorefrontUser>> logger)
    : DataProtectorTokenProvider<StorefrontUser>(protection, Microsoft.Extensions.Options.Options.Create<DataProtectionTokenProviderOptions>(options.Value), logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions() => Name = PasswordResetTokens.ProviderName;
}
