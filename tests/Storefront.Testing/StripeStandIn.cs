using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Storefront.Testing;

/// <summary>
/// A local stand-in for Stripe's API (WireMock.Net), for Stripe.net pointed at it through Stripe:ApiBase. It records
/// every request (path, form fields, idempotency key) and answers with Stripe-shaped JSON. It keeps Stripe's
/// idempotency rules (https://docs.stripe.com/api/idempotent_requests): a key is bound to the parameters it was first
/// used with; the same key with the same parameters replays the first answer, with other parameters (or on another
/// endpoint) it is refused with 400 idempotency_error. A Checkout Session's url is a page served here whose link leads
/// back to the session's success URL, as Stripe's hosted page does after paying.
/// Faults: <see cref="FailNext"/> answers the next calls to a path with an error before the endpoint runs (nothing is
/// created, the key stays bound to its parameters, as after a 500 Stripe did not save); <see cref="DelayNext"/> creates
/// the object and answers only after a delay, as when the answer is lost to a time-out.
/// </summary>
public sealed class StripeStandIn : IDisposable
{
    public const string SecretKey = "sk_test_storefront_standin";
    public const string WebhookSecret = "whsec_storefront_test_secret";

    public sealed record Call(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey);

    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentDictionary<string, JsonObject> _byKey = new();
    private readonly ConcurrentDictionary<string, string> _keyParameters = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new();
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, (int Count, int Status)> _faults = new();
    private int _counter;

    public StripeStandIn()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _server.Given(Request.Create().UsingAnyMethod().WithPath(new WireMock.Matchers.RegexMatcher(".*")))
            .RespondWith(Response.Create().WithCallback(request => Answer(request.Method, request.AbsolutePath, request.Body, request.Headers, request.RawQuery)));
    }

    public string CheckoutOrigin => CheckoutPageBase.Length > 0 ? CheckoutPageBase : BaseUrl;

    public string BaseUrl => _server.Urls[0].TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    /// <summary>
    /// Where Checkout Sessions' pages are said to be: this stand-in (for a browser), or another origin for HTTP tests,
    /// whose client follows the redirect into the shop under test and cannot leave it.
    /// </summary>
    public string CheckoutPageBase { get; set; } = "";

    /// <summary>Refunds answer this status ("succeeded" like a card refund, or "pending").</summary>
    public string RefundStatus { get; set; } = "succeeded";

    public IReadOnlyList<Call> Calls => _calls.ToList();

    public IReadOnlyList<Call> CallsTo(string path) => _calls.Where(c => c.Path == path).ToList();

    public JsonObject? Object(string id) => _objects.TryGetValue(id, out var o) ? o : null;

    /// <summary>The Checkout Sessions created for one of our requests (its key in client_reference_id).</summary>
    public IReadOnlyList<JsonObject> SessionsFor(Guid requestKey) =>
        _objects.Values.Where(o => o["object"]?.GetValue<string>() == "checkout.session" && o["client_reference_id"]?.GetValue<string>() == requestKey.ToString("N")).ToList();

    /// <summary>The next <paramref name="count"/> calls to the path answer <paramref name="status"/> (a 500, a 400 refusal).</summary>
    public void FailNext(string path, int count = 1, int status = 500) => _faults[path] = (count, status);

    /// <summary>The next call to the path is carried out, and answered only after <paramref name="delay"/>.</summary>
    public void DelayNext(string path, TimeSpan delay) => _delays[path] = delay;

    /// <summary>Calls Stripe refused because their idempotency key came with other parameters than its first use.</summary>
    public IReadOnlyList<Call> IdempotencyErrors => _idempotencyErrors.ToList();

    private readonly ConcurrentQueue<Call> _idempotencyErrors = new();

    /// <summary>
    /// A refund made by hand in Stripe's Dashboard: an object of Stripe's shape, with none of the shop's metadata and
    /// no call from the shop. The tests deliver the events Stripe sends for it.
    /// </summary>
    public JsonObject RefundInDashboard(string paymentIntent, long amountFen, string status = "succeeded") => (JsonObject)Created("re", new JsonObject
    {
        ["object"] = "refund",
        ["amount"] = amountFen,
        ["currency"] = "cny",
        ["payment_intent"] = paymentIntent,
        ["reason"] = "requested_by_customer",
        ["status"] = status,
        ["metadata"] = new JsonObject(),
    }).DeepClone();

    /// <summary>Stripe's later word on a refund, as its refund.updated / refund.failed events carry it.</summary>
    public JsonObject RefundFails(string refundId, string reason = "expired_or_canceled_card")
    {
        var refund = _objects[refundId];
        lock (refund)
        {
            refund["status"] = "failed";
            refund["failure_reason"] = reason;
            return (JsonObject)refund.DeepClone();
        }
    }

    /// <summary>Settings that point the shop at this stand-in.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Stripe:SecretKey", SecretKey),
        new("Stripe:WebhookSecret", WebhookSecret),
        new("Stripe:ApiBase", BaseUrl),
        new("Stripe:CheckoutOrigin", CheckoutOrigin),
    ];

    private WireMock.ResponseMessage Answer(string method, string path, string? body, IDictionary<string, WireMock.Types.WireMockList<string>>? headers, string? query)
    {
        var form = QueryHelpers.ParseQuery(method == "GET" ? query ?? "" : body ?? "").ToDictionary(p => p.Key, p => p.Value.ToString());
        string? key = null;
        if (headers is not null)
            foreach (var (name, values) in headers)
                if (string.Equals(name, "Idempotency-Key", StringComparison.OrdinalIgnoreCase)) key = values.FirstOrDefault();
        var call = new Call(method, path, form, key);
        _calls.Enqueue(call);
        if (key is not null && method == "POST")
        {
            var parameters = path + "?" + string.Join("&", form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            if (_keyParameters.GetOrAdd(key, parameters) != parameters)
            {
                _idempotencyErrors.Enqueue(call);
                return Json(400, new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["type"] = "idempotency_error",
                        ["message"] = $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.",
                    },
                });
            }
        }

        if (_faults.TryGetValue(path, out var fault) && fault.Count > 0)
        {
            _faults[path] = (fault.Count - 1, fault.Status);
            return Json(fault.Status, new JsonObject { ["error"] = new JsonObject { ["type"] = fault.Status >= 500 ? "api_error" : "invalid_request_error", ["message"] = "stand-in fault" } });
        }
        if (method == "GET" && path.StartsWith("/checkout/", StringComparison.Ordinal)) return CheckoutPage(path["/checkout/".Length..]);
        if (key is not null && _byKey.TryGetValue(key, out var replay)) return Json(200, replay);

        JsonObject? answer = (method, path) switch
        {
            ("POST", "/v1/checkout/sessions") => Session(form),
            ("POST", "/v1/customers") => Created("cus", new JsonObject { ["object"] = "customer", ["name"] = form.GetValueOrDefault("name"), ["email"] = form.GetValueOrDefault("email") }),
            ("POST", "/v1/invoices") => Invoice(form),
            ("POST", "/v1/invoiceitems") => InvoiceItem(form),
            ("POST", "/v1/refunds") => Refund(form),
            ("GET", "/v1/invoice_payments") => InvoicePayments(form),
            ("POST", _) when path.EndsWith("/expire", StringComparison.Ordinal) => Change(path, "/expire", o => o["status"] = "expired"),
            ("POST", _) when path.EndsWith("/finalize", StringComparison.Ordinal) => Change(path, "/finalize", o => o["status"] = "open"),
            ("POST", _) when path.EndsWith("/send", StringComparison.Ordinal) => Change(path, "/send", _ => { }),
            ("POST", _) when path.EndsWith("/void", StringComparison.Ordinal) => Change(path, "/void", o => o["status"] = "void"),
            _ => null,
        };
        if (answer is null) return Json(404, new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = $"No such route {method} {path}" } });
        if (key is not null) _byKey[key] = answer;
        if (_delays.TryRemove(path, out var delay)) Thread.Sleep(delay);
        return Json(200, answer);
    }

    private JsonObject Created(string prefix, JsonObject o)
    {
        var id = $"{prefix}_test_{Interlocked.Increment(ref _counter):D6}";
        o["id"] = id;
        o["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        o["livemode"] = false;
        _objects[id] = o;
        return o;
    }

    private JsonObject Session(Dictionary<string, string> form)
    {
        var total = 0L;
        for (var i = 0; form.ContainsKey($"line_items[{i}][quantity]"); i++)
            total += long.Parse(form[$"line_items[{i}][price_data][unit_amount]"], CultureInfo.InvariantCulture) * long.Parse(form[$"line_items[{i}][quantity]"], CultureInfo.InvariantCulture);
        var session = Created("cs", new JsonObject
        {
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = total,
            ["currency"] = form.GetValueOrDefault("currency", "cny"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["success_url"] = form.GetValueOrDefault("success_url"),
            ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
            ["expires_at"] = form.TryGetValue("expires_at", out var expires) ? long.Parse(expires, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
            ["metadata"] = Metadata(form, "metadata"),
            ["payment_intent"] = null,
        });
        session["url"] = $"{CheckoutOrigin}/checkout/{session["id"]}";
        return session;
    }

    private JsonObject Invoice(Dictionary<string, string> form) => Created("in", new JsonObject
    {
        ["object"] = "invoice",
        ["status"] = "draft",
        ["customer"] = form.GetValueOrDefault("customer"),
        ["collection_method"] = form.GetValueOrDefault("collection_method"),
        ["days_until_due"] = form.TryGetValue("days_until_due", out var days) ? int.Parse(days, CultureInfo.InvariantCulture) : null,
        ["currency"] = form.GetValueOrDefault("currency", "cny"),
        ["amount_due"] = 0L,
        ["amount_paid"] = 0L,
        ["total"] = 0L,
        ["metadata"] = Metadata(form, "metadata"),
    });

    private JsonObject InvoiceItem(Dictionary<string, string> form)
    {
        var amount = long.Parse(form.GetValueOrDefault("amount", "0"), CultureInfo.InvariantCulture);
        if (form.TryGetValue("invoice", out var invoiceId) && _objects.TryGetValue(invoiceId, out var invoice))
        {
            lock (invoice)
            {
                invoice["amount_due"] = invoice["amount_due"]!.GetValue<long>() + amount;
                invoice["total"] = invoice["total"]!.GetValue<long>() + amount;
            }
        }
        return Created("ii", new JsonObject { ["object"] = "invoiceitem", ["amount"] = amount, ["invoice"] = invoiceId, ["description"] = form.GetValueOrDefault("description") });
    }

    private JsonObject Refund(Dictionary<string, string> form) => Created("re", new JsonObject
    {
        ["object"] = "refund",
        ["amount"] = long.Parse(form.GetValueOrDefault("amount", "0"), CultureInfo.InvariantCulture),
        ["currency"] = "cny",
        ["payment_intent"] = form.GetValueOrDefault("payment_intent"),
        ["status"] = RefundStatus,
        ["metadata"] = Metadata(form, "metadata"),
    });

    private JsonObject InvoicePayments(Dictionary<string, string> form) => new()
    {
        ["object"] = "list",
        ["url"] = "/v1/invoice_payments",
        ["has_more"] = false,
        ["data"] = new JsonArray(new JsonObject
        {
            ["id"] = $"inpay_{form.GetValueOrDefault("invoice")}",
            ["object"] = "invoice_payment",
            ["invoice"] = form.GetValueOrDefault("invoice"),
            ["status"] = "paid",
            ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = $"pi_for_{form.GetValueOrDefault("invoice")}" },
        }),
    };

    private JsonObject? Change(string path, string suffix, Action<JsonObject> change)
    {
        var id = path[..^suffix.Length].Split('/').Last();
        if (!_objects.TryGetValue(id, out var o)) return null;
        lock (o)
        {
            change(o);
            if (o["object"]?.GetValue<string>() == "invoice" && o["status"]?.GetValue<string>() == "open")
            {
                o["hosted_invoice_url"] = $"{BaseUrl}/invoice/{id}";
                o["invoice_pdf"] = $"{BaseUrl}/invoice/{id}.pdf";
                var days = o["days_until_due"]?.GetValue<int>() ?? 30;
                o["due_date"] ??= DateTimeOffset.UtcNow.AddDays(days).ToUnixTimeSeconds();
            }
            return (JsonObject)o.DeepClone();
        }
    }

    /// <summary>Stripe's hosted page, reduced to a link that pays (back to the success URL) and one that turns back.</summary>
    private WireMock.ResponseMessage CheckoutPage(string id)
    {
        if (!_objects.TryGetValue(id, out var session)) return Json(404, new JsonObject());
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout stand-in</title></head>
            <body><main><h1>Pay {session["amount_total"]} {session["currency"]}</h1>
            <a id="stand-in-pay" href="{WebUtility.HtmlEncode(session["success_url"]?.GetValue<string>())}">Pay</a>
            <a id="stand-in-cancel" href="{WebUtility.HtmlEncode(session["cancel_url"]?.GetValue<string>())}">Back</a></main></body></html>
            """;
        return new WireMock.ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new WireMockList<string>("text/html; charset=utf-8") },
            BodyData = new BodyData { BodyAsString = html, DetectedBodyType = BodyType.String },
        };
    }

    private static JsonObject Metadata(Dictionary<string, string> form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form)
            if (name.StartsWith(prefix + "[", StringComparison.Ordinal)) metadata[name[(prefix.Length + 1)..^1]] = value;
        return metadata;
    }

    private static WireMock.ResponseMessage Json(int status, JsonObject body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new WireMockList<string>("application/json"), ["Request-Id"] = new WireMockList<string>("req_standin") },
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
    };

    public void Dispose() => _server.Stop();
}
