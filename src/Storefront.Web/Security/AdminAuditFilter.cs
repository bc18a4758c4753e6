using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Auditing;

namespace Storefront.Web.Security;

/// <summary>
/// Audits every POST on the admin pages (added to the /Admin folder by convention, so a new admin page cannot be
/// forgotten). The action's one entry is written with the first SaveChanges that changes something, in that
/// transaction; a handler that was refused (not found, forbidden, invalid input shown again) records nothing; one that
/// succeeded without changing data through the unit of work records its entry afterwards, if it described it. What a
/// handler records through <see cref="AuditLog.Record"/> describes the entry; otherwise it names the page and handler.
/// </summary>
public sealed class AdminAuditFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }
        var services = context.HttpContext.RequestServices;
        var audit = services.GetRequiredService<AuditLog>();
        var actor = services.GetRequiredService<CurrentActor>();
        var page = context.ActionDescriptor.ViewEnginePath;
        var handler = context.HandlerMethod?.Name ?? "";
        var subject = context.RouteData.Values.Where(v => v.Key is not ("page" or "handler"))
            .Select(v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)).FirstOrDefault() ?? "";
        using var action = audit.BeginAdminAction(new AuditEntry
        {
            AtUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = Truncate($"Admin{page.Replace('/', '.')}.{(handler.Length > 0 ? handler : "Post")}", 100),
            SubjectType = "Page",
            SubjectId = Truncate(subject, 100),
        });
        var executed = await next();
        if (executed.Exception is null && Succeeded(executed)) await action.CompleteAsync(context.HttpContext.RequestAborted);
        else action.Abandon();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A redirect, a file or a page shown with valid input is success; an error status or invalid input shown again is not.</summary>
    private static bool Succeeded(PageHandlerExecutedContext executed) => executed.Result switch
    {
        PageResult => executed.ModelState.IsValid,
        IStatusCodeActionResult { StatusCode: >= 400 } => false,
        ForbidResult or ChallengeResult => false,
        _ => true,
    };
}
