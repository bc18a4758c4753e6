using System.Globalization;
using System.Net;
using System.Text;

namespace Storefront.Platform832.Simulator;

/// <summary>
/// The simulator's small page at /sim: audits by hand, budget units placing and moving orders, suppliers, and the
/// faults in force; /sim/api/* does the same for scripts. A local tool for demos and tests: it has no sign-in, so
/// never expose it.
/// </summary>
public static class ControlPage
{
    public static void MapControlPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sim", (Simulator simulator) => Results.Content(Render(simulator), "text/html; charset=utf-8"));
        app.MapPost("/sim/audit", async (HttpContext context, Simulator simulator) =>
        {
            var form = await context.Request.ReadFormAsync();
            simulator.State.Decide(form["supplierCode"].ToString(), form["externalId"].ToString(), form["decision"] == "approve", form["reason"]);
            return Results.Redirect("/sim");
        });
        app.MapPost("/sim/orders/place", async (HttpContext context, Simulator simulator) =>
        {
            simulator.State.PlaceOrders(Number(await context.Request.ReadFormAsync(), "count", 5));
            return Results.Redirect("/sim");
        });
        app.MapPost("/sim/orders/advance", async (HttpContext context, Simulator simulator) =>
        {
            simulator.State.AdvanceOrders(Number(await context.Request.ReadFormAsync(), "count", 5));
            return Results.Redirect("/sim");
        });
        app.MapPost("/sim/budget-units", async (HttpContext context, Simulator simulator) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (!string.IsNullOrWhiteSpace(form["creditCode"]))
                simulator.State.AddBudgetUnit(form["creditCode"].ToString().Trim(), form["name"].ToString().Trim(), form["unitType"].ToString());
            return Results.Redirect("/sim");
        });
        app.MapPost("/sim/suppliers", async (HttpContext context, Simulator simulator) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (!string.IsNullOrWhiteSpace(form["supplierCode"]))
                simulator.State.UpsertSupplier(form["supplierCode"].ToString().Trim(), form["name"].ToString().Trim(),
                    Blank(form["creditCode"]), Blank(form["countyCode"]), form["status"] == "SUSPENDED" ? "SUSPENDED" : "ACTIVE");
            return Results.Redirect("/sim");
        });
        app.MapPost("/sim/faults", async (HttpContext context, Simulator simulator) =>
        {
            var form = await context.Request.ReadFormAsync();
            simulator.Faults = new FaultSettings
            {
                ErrorRate = Rate(form, "errorRate"),
                LatencyMs = Number(form, "latencyMs", 0),
                LatencyJitterMs = Number(form, "latencyJitterMs", 0),
                Burst429Rate = Rate(form, "burst429Rate"),
                Burst429Seconds = Math.Max(0.1, Decimal(form, "burst429Seconds", 1)),
                DropBeforeRate = Rate(form, "dropBeforeRate"),
                DropAfterRate = Rate(form, "dropAfterRate"),
                ClockSkewSeconds = Decimal(form, "clockSkewSeconds", 0),
            };
            return Results.Redirect("/sim");
        });
        app.MapGet("/sim/api/faults", (Simulator simulator) => Results.Json(simulator.Faults));
        app.MapPost("/sim/api/faults", (FaultSettings faults, Simulator simulator) => { simulator.Faults = faults; return Results.Json(faults); });
        app.MapPost("/sim/api/orders/place", (int? count, Simulator simulator) => Results.Json(new { placed = simulator.State.PlaceOrders(count ?? 5).Count }));
        app.MapPost("/sim/api/orders/advance", (int? count, Simulator simulator) => Results.Json(new { changed = simulator.State.AdvanceOrders(count ?? 5) }));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static int Number(IFormCollection form, string name, int fallback) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 10_000) : fallback;

    private static double Decimal(IFormCollection form, string name, double fallback) =>
        double.TryParse(form[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : fallback;

    private static double Rate(IFormCollection form, string name) => Math.Clamp(Decimal(form, name, 0), 0, 1);

    private static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private static string Render(Simulator simulator)
    {
        var state = simulator.State;
        var products = state.Products();
        var orders = state.Orders();
        var faults = simulator.Faults;
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>832 platform simulator</title>
            <style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}
            form.inline{display:inline}fieldset{margin:0 0 1rem}label{margin-right:1rem}input[type=number]{width:6rem}</style></head><body>
            <main><h1>832 platform simulator</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p>Requests {simulator.Requests} · platform time {E(PlatformState.Format(simulator.Now()))} · suppliers {state.Suppliers().Count} · products {products.Count} ")
            .Append(CultureInfo.InvariantCulture, $"(pending {products.Count(p => p.AuditStatus == "PENDING")}, approved {products.Count(p => p.AuditStatus == "APPROVED")}, rejected {products.Count(p => p.AuditStatus == "REJECTED")}, delisted {products.Count(p => p.Delisted)}) · orders {orders.Count}</p>");

        html.Append("<h2>Faults</h2><form method=\"post\" action=\"/sim/faults\"><fieldset><legend>In force now</legend>");
        void Field(string name, string label, object value, string step) =>
            html.Append(CultureInfo.InvariantCulture, $"<label>{label} <input type=\"number\" step=\"{step}\" name=\"{name}\" value=\"{E(value)}\"></label>");
        Field("errorRate", "500/503 share", faults.ErrorRate, "0.01");
        Field("latencyMs", "latency ms", faults.LatencyMs, "1");
        Field("latencyJitterMs", "jitter ms", faults.LatencyJitterMs, "1");
        Field("burst429Rate", "429 burst chance", faults.Burst429Rate, "0.001");
        Field("burst429Seconds", "burst seconds", faults.Burst429Seconds, "0.1");
        Field("dropBeforeRate", "drop before write", faults.DropBeforeRate, "0.01");
        Field("dropAfterRate", "drop after write", faults.DropAfterRate, "0.01");
        Field("clockSkewSeconds", "clock skew s", faults.ClockSkewSeconds, "1");
        html.Append("<button type=\"submit\">Apply</button></fieldset></form>");

        html.Append("<h2>Audits waiting</h2><table><thead><tr><th>supplier</th><th>externalId</th><th>revision</th><th>title</th><th>decision</th></tr></thead><tbody>");
        foreach (var p in products.Where(p => p.AuditStatus == "PENDING").Take(100))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.SupplierCode)}</td><td>{E(p.ExternalId)}</td><td>{p.Revision}</td><td>{E(p.Fields.Title)}</td><td>")
                .Append(CultureInfo.InvariantCulture, $"<form class=\"inline\" method=\"post\" action=\"/sim/audit\"><input type=\"hidden\" name=\"supplierCode\" value=\"{E(p.SupplierCode)}\"><input type=\"hidden\" name=\"externalId\" value=\"{E(p.ExternalId)}\">")
                .Append(CultureInfo.InvariantCulture, $"<button name=\"decision\" value=\"approve\">Approve</button> <label>reason <input name=\"reason\" aria-label=\"reject reason for {E(p.ExternalId)}\"></label><button name=\"decision\" value=\"reject\">Reject</button></form></td></tr>");
        }
        html.Append("</tbody></table>");

        html.Append("""
            <h2>Orders</h2>
            <form class="inline" method="post" action="/sim/orders/place"><label>count <input type="number" name="count" value="5" min="1"></label><button>Budget units place orders</button></form>
            <form class="inline" method="post" action="/sim/orders/advance"><label>count <input type="number" name="count" value="5" min="1"></label><button>Move orders on</button></form>
            <table><thead><tr><th>orderNo</th><th>supplier</th><th>buyer</th><th>status</th><th>total</th><th>refunded</th><th>updated</th></tr></thead><tbody>
            """);
        foreach (var o in orders.OrderByDescending(o => o.UpdatedAt).Take(30))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(o.OrderNo)}</td><td>{E(o.SupplierCode)}</td><td>{E(o.Buyer.Name)} {E(o.Buyer.CreditCode)}</td><td>{E(o.Status)}</td><td>{o.TotalFen}</td><td>{o.RefundedFen}</td><td>{E(PlatformState.Format(o.UpdatedAt))}</td></tr>");
        html.Append("</tbody></table>");

        html.Append("<h2>Budget units</h2><ul>");
        foreach (var b in state.BudgetUnits()) html.Append(CultureInfo.InvariantCulture, $"<li>{E(b.Name)} · {E(b.CreditCode)} · {E(b.UnitType)}</li>");
        html.Append("""
            </ul><form method="post" action="/sim/budget-units"><label>credit code <input name="creditCode" maxlength="18"></label>
            <label>name <input name="name"></label><label>unit type <select name="unitType"><option>AGENCY</option><option>SCHOOL</option><option>HOSPITAL</option><option>SOE</option><option>OTHER</option></select></label>
            <button>Add budget unit</button></form>
            """);

        html.Append("<h2>Suppliers</h2><table><thead><tr><th>code</th><th>name</th><th>credit code</th><th>county</th><th>status</th></tr></thead><tbody>");
        foreach (var s in state.Suppliers())
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.SupplierCode)}</td><td>{E(s.Name)}</td><td>{E(s.CreditCode)}</td><td>{E(s.CountyCode)}</td><td>{E(s.Status)}</td></tr>");
        html.Append("""
            </tbody></table><form method="post" action="/sim/suppliers"><label>code <input name="supplierCode"></label><label>name <input name="name"></label>
            <label>credit code <input name="creditCode"></label><label>county <input name="countyCode" maxlength="6"></label>
            <label>status <select name="status"><option>ACTIVE</option><option>SUSPENDED</option></select></label><button>Save supplier</button></form>
            </main></body></html>
            """);
        return html.ToString();
    }
}
