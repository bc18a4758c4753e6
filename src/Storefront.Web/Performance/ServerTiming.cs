using System.Diagnostics;
using System.Globalization;

namespace Storefront.Web.Performance;

/// <summary>
/// When Diagnostics:ServerTiming is true, every response says how long the server took until it started answering
/// (Server-Timing: app;dur=12.3), so that a load test can tell server time from time on the wire. Off by default:
/// timings tell an outsider something about the data behind a page.
/// </summary>
public static class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers.Append(HeaderName, string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:0.0}"));
            return Task.CompletedTask;
        });
        return next(context);
    });
}
