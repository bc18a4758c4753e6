using Microsoft.Extensions.Options;

namespace Storefront.Web.Security;

/// <summary>
/// Headers on every response. The content security policy allows no inline script or style: every script and
/// style sheet is a file under the web root, so an injected tag cannot run. Forms post to the shop only, and to the
/// origins an adapter adds to <see cref="SecurityHeaderOptions.FormActionSources"/> (the payment gateway's hosted
/// checkout, which a form post redirects to: Chrome applies form-action to that redirect).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy with more form-action sources (origins such as https://checkout.stripe.com).</summary>
    public static string PolicyWith(IReadOnlyCollection<string> formActionSources) =>
        formActionSources.Count == 0 ? ContentSecurityPolicy
            : ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + string.Join(' ', formActionSources), StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = PolicyWith(app.ApplicationServices.GetRequiredService<IOptions<SecurityHeaderOptions>>().Value.FormActionSources);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}

public sealed class SecurityHeaderOptions
{
    public List<string> FormActionSources { get; } = [];
}
