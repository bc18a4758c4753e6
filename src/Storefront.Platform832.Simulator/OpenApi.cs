using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Storefront.Platform832.Simulator;

/// <summary>
/// The open interface of API.md under /open/v1. Every request passes the guards of sections 1 and 2 (signature over
/// the raw request target, timestamp window, nonce replay, rate limit), then the injected faults, then its endpoint.
/// </summary>
public static class OpenApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MapOpenApi(this IEndpointRouteBuilder app) =>
        app.Map("/open/v1/{**rest}", (HttpContext context, Simulator simulator) => HandleAsync(context, simulator));

    private static async Task HandleAsync(HttpContext context, Simulator simulator)
    {
        simulator.Counted();
        var faults = simulator.Faults;
        var requestId = Guid.NewGuid().ToString("N");
        if (faults.LatencyMs > 0 || faults.LatencyJitterMs > 0)
            await Task.Delay(faults.LatencyMs + (int)(simulator.NextDouble() * faults.LatencyJitterMs), context.RequestAborted);

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        if (Authenticate(context, simulator, body) is { } refused)
        {
            if (refused.Code == 40103) simulator.NonceReplayed();
            await WriteAsync(context, simulator, requestId, refused);
            return;
        }
        var wait = simulator.TakeToken();
        if (wait == TimeSpan.Zero) wait = simulator.InBurst(faults);
        if (wait > TimeSpan.Zero)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, simulator, requestId, new OpResult(42901, "rate limited"));
            return;
        }
        simulator.State.AuditByRule();

        var isWrite = !HttpMethods.IsGet(context.Request.Method);
        var fault = faults.ErrorRate > 0 && simulator.NextDouble() < faults.ErrorRate;
        if (fault && !(isWrite && simulator.NextDouble() < 0.5))
        {
            await WriteAsync(context, simulator, requestId, FaultResult(simulator));
            return;
        }
        if (isWrite && faults.DropBeforeRate > 0 && simulator.NextDouble() < faults.DropBeforeRate)
        {
            context.Abort();
            return;
        }
        var result = Route(context, simulator.State, body);
        // The write is applied: what follows may keep the caller from knowing it.
        if (fault)
        {
            await WriteAsync(context, simulator, requestId, FaultResult(simulator));
            return;
        }
        if (isWrite && faults.DropAfterRate > 0 && simulator.NextDouble() < faults.DropAfterRate)
        {
            context.Abort();
            return;
        }
        await WriteAsync(context, simulator, requestId, result);
    }

    private static OpResult FaultResult(Simulator simulator) =>
        simulator.NextDouble() < 0.5 ? new OpResult(50001, "platform fault") : new OpResult(50301, "platform unavailable");

    /// <summary>
    /// Section 1, written here from API.md on its own rather than borrowed from the adapter's client, so that the
    /// contract tests check the client against the contract and not against itself.
    /// </summary>
    private static OpResult? Authenticate(HttpContext context, Simulator simulator, byte[] body)
    {
        var headers = context.Request.Headers;
        var options = simulator.Options;
        string key = headers["X-App-Key"].ToString(), timestamp = headers["X-Timestamp"].ToString(),
            nonce = headers["X-Nonce"].ToString(), signature = headers["X-Signature"].ToString();
        if (key != options.AppKey) return new OpResult(40101, "unknown app key");
        // The path and query exactly as sent on the request line.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var toSign = string.Join('\n', context.Request.Method.ToUpperInvariant(), target, timestamp, nonce,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.AppSecret), Encoding.UTF8.GetBytes(toSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return new OpResult(40101, "bad signature");
        if (!long.TryParse(timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var millis)
            || Math.Abs(simulator.Now().ToUnixTimeMilliseconds() - millis) > options.TimestampWindowSeconds * 1000L)
            return new OpResult(40102, "timestamp outside the window");
        if (nonce.Length is < 16 or > 64 || !nonce.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return new OpResult(40101, "malformed nonce");
        if (!simulator.TryUseNonce(nonce)) return new OpResult(40103, "nonce replayed");
        return null;
    }

    private static OpResult Route(HttpContext context, PlatformState state, byte[] body)
    {
        var method = context.Request.Method;
        var query = context.Request.Query;
        var segments = (context.Request.RouteValues["rest"] as string ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["categories"] when HttpMethods.IsGet(method):
                return OpResult.Ok(state.Categories.Select(c => new { code = c.Code, name = c.Name, parentCode = c.ParentCode }));
            case ["counties"] when HttpMethods.IsGet(method):
                return OpResult.Ok(state.Counties.Values.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => new { code = c.Code, name = c.Name, province = c.Province }));
            case ["suppliers", var supplier] when HttpMethods.IsGet(method):
                return state.GetSupplier(supplier);
            case ["suppliers", var supplier, "products"] when HttpMethods.IsGet(method):
                return Limit(query, out var limit) is { } badLimit ? badLimit : state.ListProducts(supplier, query["cursor"], limit);
            case ["suppliers", var supplier, "products:batchUpsert"] when HttpMethods.IsPost(method):
                return BatchUpsert(state, supplier, body);
            case ["suppliers", var supplier, "products", var externalId] when HttpMethods.IsPut(method):
                return Upsert(state, supplier, externalId, Parse(body));
            case ["suppliers", var supplier, "products", var externalId] when HttpMethods.IsDelete(method):
                if (!int.TryParse(query["revision"], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) || revision < 1)
                    return OpResult.Invalid([new FieldReason("revision", "REQUIRED")]);
                if (!Validation.ExternalIdPattern().IsMatch(externalId)) return OpResult.Invalid([new FieldReason("externalId", "INVALID_FORMAT")]);
                return state.Delist(supplier, externalId, revision);
            case ["suppliers", var supplier, "products", var externalId] when HttpMethods.IsGet(method):
                return state.GetProduct(supplier, externalId);
            case ["product-audits"] when HttpMethods.IsGet(method):
                return Feed(query, out var since, out var auditLimit) ?? state.AuditChanges(since, query["cursor"], auditLimit);
            case ["orders"] when HttpMethods.IsGet(method):
                return Feed(query, out var ordersSince, out var ordersLimit) ?? state.ListOrders(ordersSince, query["cursor"], ordersLimit);
            default:
                return OpResult.NotFound("endpoint");
        }
    }

    private static OpResult Upsert(PlatformState state, string supplier, string externalId, JsonElement body)
    {
        var errors = new List<FieldReason>();
        if (!Validation.ExternalIdPattern().IsMatch(externalId)) errors.Add(new("externalId", "INVALID_FORMAT"));
        var fields = Validation.ReadProduct(body, state, errors);
        return fields is null || errors.Count > 0 ? OpResult.Invalid(errors) : state.Upsert(supplier, externalId, fields);
    }

    private static OpResult BatchUpsert(PlatformState state, string supplier, byte[] body)
    {
        var json = Parse(body);
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            return OpResult.Invalid([new FieldReason("items", "REQUIRED")]);
        var count = items.GetArrayLength();
        if (count is < 1 or > 50) return OpResult.Invalid([new FieldReason("items", count == 0 ? "REQUIRED" : "TOO_MANY")]);
        if (state.GetSupplier(supplier) is { Code: 40401 } && !state.AutoOnboards) return OpResult.NotFound("supplier");
        var results = new List<object>();
        foreach (var item in items.EnumerateArray())
        {
            var externalId = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("externalId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";
            var result = Upsert(state, supplier, externalId, item);
            results.Add(new { externalId, code = result.Code, message = result.Message, data = result.Data });
        }
        return OpResult.Ok(new { results });
    }

    private static JsonElement Parse(byte[] body)
    {
        try { return body.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(body); }
        catch (JsonException) { return default; }
    }

    private static OpResult? Limit(IQueryCollection query, out int limit)
    {
        limit = 100;
        if (string.IsNullOrEmpty(query["limit"])) return null;
        if (int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100) return null;
        return OpResult.Invalid([new FieldReason("limit", "OUT_OF_RANGE")]);
    }

    private static OpResult? Feed(IQueryCollection query, out DateTimeOffset since, out int limit)
    {
        since = default;
        if (Limit(query, out limit) is { } bad) return bad;
        if (!DateTimeOffset.TryParse(query["updatedSince"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out since))
            return OpResult.Invalid([new FieldReason("updatedSince", "REQUIRED")]);
        return null;
    }

    private static async Task WriteAsync(HttpContext context, Simulator simulator, string requestId, OpResult result)
    {
        context.Response.StatusCode = result.HttpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        // The platform's own clock, so a client can see how far apart the two are.
        context.Response.Headers.Date = simulator.Now().ToString("R", CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { code = result.Code, message = result.Message, requestId, data = result.Data }, Json), context.RequestAborted);
    }
}
