using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Storefront.Web.Security;

/// <summary>
/// Refuses a request whose declared length is above what its page takes ([RequestSizeLimit], or the server's own
/// limit) before anything reads it. Left to the framework, such an upload fails inside form reading, as a bare 400 from
/// the antiforgery check or a 413 thrown mid-stream; here it is a 413 that the status page explains, with a way back.
/// </summary>
public static class UploadLimits
{
    public static void UseUploadLimits(this WebApplication app) => app.Use(async (context, next) =>
    {
        // The status page, re-executed for the refusal, sees the same request and must not be refused in turn.
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (!reExecuted && context.Request.ContentLength is { } length && LimitOf(context) is { } limit && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        await next(context);
    });

    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
}
