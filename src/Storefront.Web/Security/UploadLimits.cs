using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Storefront.Web.Security;

/// <summary>
/// Refuses a request larger than what its page takes ([RequestSizeLimit], or the server's own limit) as a 413 that the
/// status page explains, with a way back. Left to the framework, such an upload fails inside form reading, as a bare
/// 400 from the antiforgery check (which takes any I/O error for a missing token) or a 413 thrown mid-stream. A
/// declared length is checked before anything reads the body; a body sent without one (chunked) is counted as it is
/// read, and refused at the first byte past the limit, whether this count or Kestrel's own limit sees it first.
/// </summary>
public static class UploadLimits
{
    public static void UseUploadLimits(this WebApplication app) => app.Use(async (context, next) =>
    {
        // The status page, re-executed for the refusal, sees the same request and must not be refused in turn.
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (!reExecuted && LimitOf(context) is { } limit)
        {
            if (context.Request.ContentLength is { } length)
            {
                if (length > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
            }
            else if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Body = new CountedBody(context.Request.Body, limit);
            }
        }
        try
        {
            await next(context);
        }
        catch (TooLargeException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    });

    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    /// <summary>Not an <see cref="IOException"/>, so that form reading and the antiforgery check let it through to here.</summary>
    private sealed class TooLargeException() : Exception("The request body is larger than this page takes.");

    /// <summary>A request body that throws once more than the limit has been read from it.</summary>
    private sealed class CountedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return Count(inner.Read(buffer, offset, count));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new TooLargeException(); // Kestrel's own limit, reached first
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new TooLargeException();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new TooLargeException();
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
