using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Platform832.Client;

/// <summary>
/// The typed client of every endpoint of API.md. Each request is signed with a fresh timestamp and nonce, spaced by
/// the shared <see cref="RequestSpacer"/>, and retried only where section 2 allows: platform faults and lost answers
/// with backoff and jitter (every write is idempotent), 429 after its Retry-After, 40102 once with a fresh timestamp,
/// 40103 with a fresh nonce. Everything else comes back at once as a typed <see cref="Platform832Result{T}"/>.
/// </summary>
public sealed class Platform832Client(
    HttpClient http,
    IOptions<Platform832Options> options,
    RequestSpacer spacer,
    TimeProvider clock,
    ILogger<Platform832Client> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const int NonceAttempts = 3;
    private readonly Platform832Options _options = options.Value;
    private long _clockOffsetMs;

    /// <summary>Makes nonces; tests replace it to see a replayed nonce answered.</summary>
    internal Func<string> NewNonce { get; set; } = Platform832Signature.NewNonce;

    public Task<Platform832Result<IReadOnlyList<PlatformCategory>>> GetCategoriesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<PlatformCategory>>(HttpMethod.Get, "/open/v1/categories", null, ct);

    public Task<Platform832Result<IReadOnlyList<PlatformCounty>>> GetCountiesAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<PlatformCounty>>(HttpMethod.Get, "/open/v1/counties", null, ct);

    public Task<Platform832Result<PlatformSupplier>> GetSupplierAsync(string supplierCode, CancellationToken ct = default) =>
        SendAsync<PlatformSupplier>(HttpMethod.Get, $"/open/v1/suppliers/{Escape(supplierCode)}", null, ct);

    public Task<Platform832Result<ProductState>> UpsertProductAsync(string supplierCode, string externalId, ProductContent content, CancellationToken ct = default) =>
        SendAsync<ProductState>(HttpMethod.Put, ProductPath(supplierCode, externalId), JsonSerializer.SerializeToNode(content, Json), ct);

    /// <summary>1 to 50 items; the results come back one per item, in order, each as 4.1 would have answered it.</summary>
    public async Task<Platform832Result<IReadOnlyList<BatchItemResult>>> BatchUpsertAsync(string supplierCode, IReadOnlyList<BatchItem> items, CancellationToken ct = default)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            var node = new JsonObject { ["externalId"] = item.ExternalId };
            foreach (var (name, value) in JsonSerializer.SerializeToNode(item.Content, Json)!.AsObject())
                node[name] = value?.DeepClone();
            array.Add(node);
        }
        var result = await SendAsync<JsonElement>(HttpMethod.Post, $"/open/v1/suppliers/{Escape(supplierCode)}/products:batchUpsert",
            new JsonObject { ["items"] = array }, ct);
        if (!result.IsSuccess) return result.As<IReadOnlyList<BatchItemResult>>();
        try
        {
            var results = new List<BatchItemResult>();
            foreach (var entry in result.Data.GetProperty("results").EnumerateArray())
            {
                var externalId = entry.GetProperty("externalId").GetString() ?? "";
                var code = entry.GetProperty("code").GetInt32();
                var message = entry.TryGetProperty("message", out var m) ? m.GetString() : null;
                entry.TryGetProperty("data", out var data);
                results.Add(new BatchItemResult(externalId, Interpret<ProductState>(code, message, result.RequestId, result.HttpStatus, data, result.Attempts)));
            }
            if (results.Count != items.Count)
                return result.As<IReadOnlyList<BatchItemResult>>() with { Outcome = Platform832Outcome.UnexpectedResponse, Message = $"{results.Count} results for {items.Count} items" };
            return result.As<IReadOnlyList<BatchItemResult>>(results);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return result.As<IReadOnlyList<BatchItemResult>>() with { Outcome = Platform832Outcome.UnexpectedResponse, Message = "Unreadable batch results: " + e.Message };
        }
    }

    public Task<Platform832Result<ProductState>> DelistProductAsync(string supplierCode, string externalId, int revision, CancellationToken ct = default) =>
        SendAsync<ProductState>(HttpMethod.Delete, $"{ProductPath(supplierCode, externalId)}?revision={revision.ToString(CultureInfo.InvariantCulture)}", null, ct);

    public Task<Platform832Result<PlatformProduct>> GetProductAsync(string supplierCode, string externalId, CancellationToken ct = default) =>
        SendAsync<PlatformProduct>(HttpMethod.Get, ProductPath(supplierCode, externalId), null, ct);

    public Task<Platform832Result<Page<PlatformProduct>>> ListProductsAsync(string supplierCode, string? cursor, int limit = 100, CancellationToken ct = default) =>
        SendAsync<Page<PlatformProduct>>(HttpMethod.Get, $"/open/v1/suppliers/{Escape(supplierCode)}/products" + Query(null, cursor, limit), null, ct);

    public Task<Platform832Result<Page<AuditChange>>> GetAuditChangesAsync(DateTimeOffset updatedSince, string? cursor, int limit = 100, CancellationToken ct = default) =>
        SendAsync<Page<AuditChange>>(HttpMethod.Get, "/open/v1/product-audits" + Query(updatedSince, cursor, limit), null, ct);

    public Task<Platform832Result<Page<PlatformOrder>>> GetOrdersAsync(DateTimeOffset updatedSince, string? cursor, int limit = 100, CancellationToken ct = default) =>
        SendAsync<Page<PlatformOrder>>(HttpMethod.Get, "/open/v1/orders" + Query(updatedSince, cursor, limit), null, ct);

    /// <summary>RFC 3339 with its offset, to the millisecond (rounded down, so nothing since is skipped).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string ProductPath(string supplierCode, string externalId) =>
        $"/open/v1/suppliers/{Escape(supplierCode)}/products/{Escape(externalId)}";

    private static string Query(DateTimeOffset? updatedSince, string? cursor, int limit)
    {
        var parts = new List<string>();
        if (updatedSince is { } since) parts.Add("updatedSince=" + Uri.EscapeDataString(FormatTime(since)));
        if (!string.IsNullOrEmpty(cursor)) parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        parts.Add("limit=" + Math.Clamp(limit, 1, 100).ToString(CultureInfo.InvariantCulture));
        return "?" + string.Join('&', parts);
    }

    private async Task<Platform832Result<T>> SendAsync<T>(HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken ct)
    {
        var bodyBytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var uri = new Uri(BaseUri(), pathAndQuery.TrimStart('/'));
        int attempts = 0, faults = 0, rateLimited = 0, nonceRetries = 0;
        var timestampRetried = false;
        while (true)
        {
            attempts++;
            await spacer.WaitAsync(ct);
            var result = await AttemptAsync<T>(method, uri, bodyBytes, ct) with { Attempts = attempts };
            switch (result.Outcome)
            {
                case Platform832Outcome.NoResponse or Platform832Outcome.PlatformFault or Platform832Outcome.PlatformUnavailable
                    or Platform832Outcome.UnexpectedResponse when result.HttpStatus is 0 or >= 500:
                    if (++faults >= _options.FaultAttempts) return result;
                    logger.LogInformation("832 {Method} {Path}: {Result}; retrying", method, uri.AbsolutePath, result.Describe());
                    await Task.Delay(Backoff(faults), clock, ct);
                    continue;
                case Platform832Outcome.RateLimited:
                    var wait = result.RetryAfter ?? TimeSpan.FromSeconds(1);
                    if (++rateLimited >= _options.RateLimitedAttempts || wait > _options.MaxRetryAfter) return result;
                    spacer.PauseUntil(clock.GetUtcNow() + wait);
                    continue;
                case Platform832Outcome.TimestampRejected when !timestampRetried:
                    timestampRetried = true;
                    continue;
                case Platform832Outcome.NonceReplayed when ++nonceRetries < NonceAttempts:
                    continue;
                default:
                    if (!result.IsSuccess) logger.LogWarning("832 {Method} {Path}: {Result}", method, uri.AbsolutePath, result.Describe());
                    return result;
            }
        }
    }

    private Uri BaseUri()
    {
        var baseUrl = _options.BaseUrl ?? throw new InvalidOperationException("Platform832:BaseUrl is not configured.");
        return new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

    /// <summary>Exponential backoff with full jitter: a random pause up to base × 2^(n−1), capped.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, failures - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private async Task<Platform832Result<T>> AttemptAsync<T>(HttpMethod method, Uri uri, byte[] body, CancellationToken ct)
    {
        // A fresh timestamp and nonce for every attempt (API.md section 2).
        var timestamp = (clock.GetUtcNow().ToUnixTimeMilliseconds() + Interlocked.Read(ref _clockOffsetMs)).ToString(CultureInfo.InvariantCulture);
        var nonce = NewNonce();
        using var request = new HttpRequestMessage(method, uri);
        var signature = Platform832Signature.Sign(_options.AppSecret,
            Platform832Signature.StringToSign(method.Method, uri.PathAndQuery, timestamp, nonce, body));
        request.Headers.Add(Platform832Signature.AppKeyHeader, _options.AppKey);
        request.Headers.Add(Platform832Signature.TimestampHeader, timestamp);
        request.Headers.Add(Platform832Signature.NonceHeader, nonce);
        request.Headers.Add(Platform832Signature.SignatureHeader, signature);
        // Every request carries its body, an empty one for a GET or DELETE: .NET's handler resends a request without
        // content by itself when a reused connection drops before the answer, with the same timestamp and nonce, which
        // the platform refuses as replayed (40103). A request with content is never resent by the handler, so each
        // attempt is this method's own, signed afresh.
        request.Content = new ByteArrayContent(body);
        if (body.Length > 0)
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpStatusCode status;
        byte[] content;
        TimeSpan? retryAfter;
        DateTimeOffset? serverDate;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            status = response.StatusCode;
            content = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            retryAfter = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } date ? date - clock.GetUtcNow() : null)
                : null;
            serverDate = response.Headers.Date;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new Platform832Result<T> { Outcome = Platform832Outcome.NoResponse, Message = e is OperationCanceledException ? "timed out" : e.Message };
        }

        JsonElement envelope;
        try
        {
            using var document = JsonDocument.Parse(content);
            envelope = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new Platform832Result<T> { Outcome = Platform832Outcome.UnexpectedResponse, HttpStatus = (int)status, Message = "The answer is not JSON." };
        }
        if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("code", out var codeElement) || !codeElement.TryGetInt32(out var code))
            return new Platform832Result<T> { Outcome = Platform832Outcome.UnexpectedResponse, HttpStatus = (int)status, Message = "The answer is not the envelope." };
        var message = envelope.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var requestId = envelope.TryGetProperty("requestId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        envelope.TryGetProperty("data", out var data);
        var result = Interpret<T>(code, message, requestId, (int)status, data, 0);
        if (result.Outcome == Platform832Outcome.RateLimited) result = result with { RetryAfter = retryAfter is { } w && w > TimeSpan.Zero ? w : TimeSpan.FromSeconds(1) };
        if (result.Outcome == Platform832Outcome.TimestampRejected && serverDate is { } date2)
        {
            // Our clock and the platform's disagree: learn the difference from its Date header for the retry.
            Interlocked.Exchange(ref _clockOffsetMs, (long)(date2 - clock.GetUtcNow()).TotalMilliseconds);
        }
        return result;
    }

    private static Platform832Result<T> Interpret<T>(int code, string? message, string? requestId, int httpStatus, JsonElement data, int attempts)
    {
        var outcome = Enum.IsDefined(typeof(Platform832Outcome), code) && code >= 0 ? (Platform832Outcome)code : Platform832Outcome.UnexpectedResponse;
        var result = new Platform832Result<T> { Outcome = outcome, Message = message, RequestId = requestId, HttpStatus = httpStatus, Attempts = attempts };
        try
        {
            switch (outcome)
            {
                case Platform832Outcome.Success:
                    var value = data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? default : data.Deserialize<T>(Json);
                    return value is null && typeof(T) != typeof(JsonElement)
                        ? result with { Outcome = Platform832Outcome.UnexpectedResponse, Message = "A success without data." }
                        : result with { Data = value };
                case Platform832Outcome.ValidationFailed when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("errors", out var errors):
                    return result with { FieldErrors = errors.Deserialize<List<FieldError>>(Json) ?? [] };
                case Platform832Outcome.StaleRevision when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("currentRevision", out var current) && current.TryGetInt32(out var revision):
                    return result with { CurrentRevision = revision };
                default:
                    return result;
            }
        }
        catch (JsonException e)
        {
            return result with { Outcome = Platform832Outcome.UnexpectedResponse, Message = "Unreadable data: " + e.Message };
        }
    }
}
