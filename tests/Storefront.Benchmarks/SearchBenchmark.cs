using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Data;

namespace Storefront.Benchmarks;

/// <summary>
/// The catalog search over the load test's large data set (100,000 listings, seeded by tests/Storefront.Load):
///   dotnet run -c Release --project tests/Storefront.Benchmarks -- --search [--sqlite /tmp/storefront-load/sqlite/storefront.db] [--runs 200]
/// Each query runs as a request would: a fresh scope and DbContext, the catalog index of the current stamp (built once).
/// </summary>
public static class SearchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var file = Value("--sqlite") ?? "/tmp/storefront-load/sqlite/storefront.db";
        var runs = int.TryParse(Value("--runs"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 200;
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"{file} does not exist: seed it first with tests/Storefront.Load/bench.py --databases sqlite.");
            return 1;
        }
        var services = new ServiceCollection();
        services.AddDbContext<StorefrontDbContext>(o => o.UseSqlite($"Data Source={file};Mode=ReadOnly", s => s.MigrationsAssembly("Storefront.Migrations.Sqlite")));
        services.AddSingleton<CatalogStamp>();
        services.AddSingleton<CatalogIndexes>();
        services.AddScoped<CatalogSearch>();
        await using var provider = services.BuildServiceProvider();

        var build = Stopwatch.StartNew();
        int listings;
        await using (var scope = provider.CreateAsyncScope())
            listings = (await scope.ServiceProvider.GetRequiredService<CatalogSearch>().IndexAsync()).Entries.Length;
        Console.WriteLine($"Index of {listings:N0} listings built in {build.Elapsed.TotalMilliseconds:N0} ms; load average {LoadAverage()}");

        int category;
        await using (var scope = provider.CreateAsyncScope())
            category = await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Categories.Where(c => c.Slug == "tea").Select(c => c.Id).FirstOrDefaultAsync();
        var queries = new (string Name, CatalogQuery Query)[]
        {
            ("'莓茶' (the load test's search)", new CatalogQuery("莓茶")),
            ("'莓茶', page 5", new CatalogQuery("莓茶", Page: 5)),
            ("'莓茶', cheapest first", new CatalogQuery("莓茶", Sort: CatalogSort.PriceAscending)),
            ("'茶' (one character: no gram)", new CatalogQuery("茶")),
            ("'大米' (common gram)", new CatalogQuery("大米")),
            ("'有机 大米' (two terms)", new CatalogQuery("有机 大米")),
            ("'溆浦有机香米' (long term)", new CatalogQuery("溆浦有机香米")),
            ("tea category, no text", new CatalogQuery(CategoryId: category)),
            ("tea category, price 20-50, newest", new CatalogQuery(CategoryId: category, MinPriceFen: 2000, MaxPriceFen: 5000, Sort: CatalogSort.Newest)),
        };
        // CPU per run (the process's, over the timed runs) moves less than the times on a shared machine.
        Console.WriteLine($"{"query",-40} {"results",8} {"median",9} {"p95",9} {"CPU/run",9} {"alloc/run",10}");
        foreach (var (name, query) in queries)
        {
            var times = new List<double>();
            var total = 0;
            long allocated = 0;
            var cpu = TimeSpan.Zero;
            for (var run = 0; run < runs + 20; run++)
            {
                await using var scope = provider.CreateAsyncScope();
                var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var timer = Stopwatch.StartNew();
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var page = await search.SearchAsync(query, english: false);
                var elapsed = timer.Elapsed.TotalMilliseconds;
                if (run < 20) continue;
                cpu += Environment.CpuUsage.TotalTime - cpuBefore;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                times.Add(elapsed);
                total = page.Total;
            }
            times.Sort();
            Console.WriteLine($"{name,-40} {total,8:N0} {times[times.Count / 2],6:N2} ms {times[(int)(times.Count * 0.95)],6:N2} ms {cpu.TotalMilliseconds / runs,6:N2} ms {allocated / runs / 1024,7:N0} KB");
        }
        Console.WriteLine($"load average {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
