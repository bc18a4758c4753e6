using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Load;
using Storefront.Testing;

namespace Storefront.Load;

// The load test's helper, driven by bench.py (see README.md beside it):
//   seed          --provider Sqlite|PostgreSql --connection "…" --data <folder> [--suppliers 2000 --listings 100000 --organisations 5000 --orders 500000 --buyers 8]
//   cookie        --url http://127.0.0.1:5008 --email admin@demo.storefront.cn     prints a Cookie header of a signed-in person
//   place-orders  --url … --provider … --connection … --email … [--orders 20 --lines 200 --suppliers 10]   prints the timings as JSON
//   listing-ids   --provider … --connection … [--count 2000]                      prints ids of listings in the catalog
//   fill-cart     --url … --provider … --connection … --email … [--lines 50]      fills that person's cart, prints their Cookie header
public static class LoadTool
{
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "";
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        string Required(string name) => Value(name) ?? throw new ArgumentException($"{command} needs {name}.");
        int Number(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

        switch (command)
        {
            case "seed":
                return await SeedAsync();
            case "cookie":
                Console.WriteLine(await Orders.CookieHeaderAsync(new Uri(Required("--url")), Required("--email")));
                return 0;
            case "place-orders":
                return await PlaceOrdersAsync();
            case "listing-ids":
                return await ListingIdsAsync();
            case "fill-cart":
                return await FillCartAsync();
            default:
                Console.Error.WriteLine("Commands: seed, cookie, place-orders, listing-ids, fill-cart (see the top of Program.cs).");
                return 2;
        }

        async Task<int> SeedAsync()
        {
            var provider = Enum.Parse<DatabaseProvider>(Required("--provider"), ignoreCase: true);
            var sizes = new LargeDataSet.Sizes(Number("--suppliers", 2_000), Number("--listings", 100_000), Number("--organisations", 5_000),
                Number("--orders", 500_000), Number("--buyers", 8));
            var timer = Stopwatch.StartNew();
            // Starting the shop in process migrates the database, loads the reference data and seeds the demo.
            await using var shop = new PreparingFactory(provider, Required("--connection"), Path.GetFullPath(Required("--data")));
            using var scope = shop.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            if (await db.Organisations.AnyAsync(o => o.Name == LargeDataSet.BenchOrganisation))
            {
                Console.WriteLine("The load test's data is there already.");
                return 0;
            }
            Console.WriteLine($"Seeding {sizes} on {provider} (demo ready after {timer.Elapsed.TotalSeconds:N0} s)…");
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await new LargeDataSet(db, scope.ServiceProvider, sizes).SeedAsync();
            Console.WriteLine($"Seeded in {timer.Elapsed.TotalSeconds:N0} s.");
            return 0;
        }

        StorefrontDbContext Database()
        {
            var options = new DbContextOptionsBuilder<StorefrontDbContext>();
            if (Enum.Parse<DatabaseProvider>(Required("--provider"), ignoreCase: true) == DatabaseProvider.PostgreSql) options.UseNpgsql(Required("--connection"));
            else options.UseSqlite(Required("--connection"));
            return new StorefrontDbContext(options.Options);
        }

        async Task<int> ListingIdsAsync()
        {
            // Listings in the catalog, spread over the whole range, for the random listing pages of the load test.
            await using var db = Database();
            var visible = CatalogSearch.Visible(db);
            var total = await visible.CountAsync();
            var step = Math.Max(1, total / Number("--count", 2_000));
            var ids = await visible.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
            Console.WriteLine(string.Join(' ', ids.Where((_, i) => i % step == 0).Take(Number("--count", 2_000))));
            return 0;
        }

        async Task<int> FillCartAsync()
        {
            // A canteen's cart: one line from each of many listings, at its minimum order.
            List<(int Id, int Minimum)> lines;
            await using (var db = Database())
            {
                lines = (await CatalogSearch.Visible(db).OrderBy(l => l.Id).Take(Number("--lines", 50))
                    .Select(l => new { l.Id, l.MinOrderQuantity }).ToListAsync()).Select(l => (l.Id, l.MinOrderQuantity)).ToList();
            }
            Console.WriteLine(await Orders.FillCartAsync(new Uri(Required("--url")), Required("--email"), lines));
            return 0;
        }

        async Task<int> PlaceOrdersAsync()
        {
            List<(int Id, int Minimum)> lines;
            await using (var db = Database())
            {
                // 200 lines from 10 suppliers: a canteen's weekly order, one order per supplier.
                var perSupplier = Number("--lines", 200) / Number("--suppliers", 10);
                var catalog = CatalogSearch.Visible(db);
                var suppliers = await catalog.GroupBy(l => l.SupplierId).Where(g => g.Count() >= perSupplier).Select(g => g.Key)
                    .OrderBy(id => id).Take(Number("--suppliers", 10)).ToListAsync();
                lines = await catalog.Where(l => suppliers.Contains(l.SupplierId)).OrderBy(l => l.Id)
                    .Select(l => new { l.Id, l.SupplierId, l.MinOrderQuantity }).ToListAsync()
                    .ContinueWith(t => t.Result.GroupBy(l => l.SupplierId).SelectMany(g => g.Take(perSupplier)).Select(l => (l.Id, l.MinOrderQuantity)).ToList());
            }
            var result = await Orders.PlaceAsync(new Uri(Required("--url")), Required("--email"), lines, Number("--orders", 20));
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
    }
}

/// <summary>The shop in process, only to prepare its database as it does on start; it serves nothing.</summary>
sealed class PreparingFactory(DatabaseProvider provider, string connectionString, string dataPath) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Beside the repository's sources, as `dotnet run --project src/Storefront.Web` would be (the demo's photos are read from there).
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Storefront", connectionString);
        builder.UseSetting("Storefront:DataPath", dataPath);
        builder.UseSetting("Demo:Seed", "true");
        // Required outside Development; this host serves nothing, so any address does.
        builder.UseSetting("Storefront:PublicUrl", "http://127.0.0.1");
        builder.UseSetting("Jobs:Enabled", "false");
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Storefront.Web");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Storefront.Web was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A buyer placing bulk orders through the real pages, timed on the server (Server-Timing) and on the client.</summary>
public static class Orders
{
    public sealed record Timings(int Placed, int Refused, double[] ServerMs, double[] ClientMs);

    public static async Task<string> CookieHeaderAsync(Uri shop, string email)
    {
        var (client, _, cookies) = Clients(shop);
        await client.SignInAsync(email);
        return string.Join("; ", cookies.GetCookies(shop).Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>Empties the person's cart, puts these lines in it by quick order, and returns their Cookie header.</summary>
    public static async Task<string> FillCartAsync(Uri shop, string email, IReadOnlyList<(int Id, int Minimum)> lines)
    {
        var (client, _, cookies) = Clients(shop);
        await client.SignInAsync(email);
        await ClearCartAsync(client);
        var added = await client.GetPageAsync("/cart/quick-order");
        await added.SubmitAsync(client, "#quick-order-form", [new("Lines", QuickOrderLines(lines))]);
        return string.Join("; ", cookies.GetCookies(shop).Select(c => $"{c.Name}={c.Value}"));
    }

    private static async Task ClearCartAsync(HttpClient client)
    {
        var cart = await client.GetPageAsync("/cart");
        if (cart.Find("#clear-cart") is not null) await cart.SubmitAsync(client, "#cart-form", submitName: "action", submitValue: "clear");
    }

    private static string QuickOrderLines(IEnumerable<(int Id, int Minimum)> lines) => string.Join('\n', lines.Select(l => $"L{l.Id}, {l.Minimum}"));

    public static async Task<Timings> PlaceAsync(Uri shop, string email, IReadOnlyList<(int Id, int Minimum)> lines, int orders)
    {
        var (client, direct, _) = Clients(shop);
        await client.SignInAsync(email);
        var text = QuickOrderLines(lines);
        var server = new List<double>();
        var wall = new List<double>();
        var refused = 0;
        for (var i = 0; i < orders; i++)
        {
            var added = await client.GetPageAsync("/cart/quick-order");
            await added.SubmitAsync(client, "#quick-order-form", [new("Lines", text)]);
            var checkout = await client.GetPageAsync("/cart/checkout");
            var timer = Stopwatch.StartNew();
            var placed = await checkout.SubmitAsync(direct, "#checkout-form");
            timer.Stop();
            if (placed.Status != HttpStatusCode.Redirect || placed.Response.Headers.Location?.OriginalString.StartsWith("/orders/purchases/", StringComparison.Ordinal) != true)
            {
                refused++;
                Console.Error.WriteLine($"Order {i + 1} not placed: {placed.Status} {string.Join("; ", placed.Errors)}");
                await ClearCartAsync(client);
                continue;
            }
            wall.Add(timer.Elapsed.TotalMilliseconds);
            if (placed.Response.Headers.TryGetValues("Server-Timing", out var values)
                && values.First().Split("dur=") is [_, var ms]
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var dur))
                server.Add(dur);
        }
        return new Timings(wall.Count, refused, [.. server], [.. wall]);
    }

    private static (HttpClient Following, HttpClient Direct, CookieContainer Cookies) Clients(Uri shop)
    {
        var cookies = new CookieContainer();
        var following = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = shop, Timeout = TimeSpan.FromMinutes(5) };
        var direct = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = shop, Timeout = TimeSpan.FromMinutes(5) };
        return (following, direct, cookies);
    }
}
