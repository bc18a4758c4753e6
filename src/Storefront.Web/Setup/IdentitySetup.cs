using Microsoft.AspNetCore.Identity;
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
            })
            .AddEntityFrameworkStores<StorefrontDbContext>()
            .AddDefaultTokenProviders()
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
        });
        // A removed member or a locked account loses access on the next request, not when the cookie expires.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<Security.CurrentActor>();
    }
}
