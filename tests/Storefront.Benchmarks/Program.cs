using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Core.ReferenceData;
using Storefront.Core.Regions;
using Storefront.Testing;
using Storefront.Web.Quotas;

// The quota dashboard on PostgreSQL with 5,000 organisations and 2,000,000 ledger entries.
//   dotnet run -c Release --project tests/Storefront.Benchmarks [-- --connection "Host=…;Database=…" --organisations 5000 --entries 2000000 --runs 30 --write]
// `-- --search` measures the catalog search instead (SearchBenchmark.cs).
// Without --connection it starts the test fixtures' throwaway PostgreSQL cluster. --write records the figures in RESULTS.md.
if (args.Contains("--search")) return await Storefront.Benchmarks.SearchBenchmark.RunAsync(args);
var options = Args.Parse(args);
var connectionString = options.Connection ?? await ThrowawayDatabaseAsync();
var year = 2026;
var clock = new FixedClock(ShanghaiTime.ToUtc(new DateTime(year, 9, 30, 12, 0, 0)));

Console.WriteLine($"Seeding {options.Organisations:N0} organisations and {options.Entries:N0} ledger entries…");
var seedTimer = Stopwatch.StartNew();
await using (var db = NewContext(connectionString))
{
    await db.Database.MigrateAsync();
    await ReferenceDataLoader.EnsureAsync(db);
    if (!await db.Organisations.AnyAsync()) await SeedAsync(db, connectionString, options, year);
    // Write the load out now, so that no checkpoint lands in the middle of the measures.
    await db.Database.ExecuteSqlRawAsync("CHECKPOINT");
}
Console.WriteLine($"Seeded in {seedTimer.Elapsed.TotalSeconds:N0} s");

const int WarmUpRuns = 10;
var loadBefore = LoadAverage();
var results = new List<(string Name, string What, double[] Ms)>();
async Task MeasureAsync(string name, string what, Func<StorefrontDbContext, Task> query)
{
    // A fresh context per view, as per request. The first runs are not timed: they warm the connection pool, the
    // plan cache and the JIT (tiered compilation optimises a method after some thirty calls), as a running server is.
    var times = new List<double>();
    for (var run = 0; run < options.Runs + WarmUpRuns; run++)
    {
        await using var db = NewContext(connectionString);
        var timer = Stopwatch.StartNew();
        await query(db);
        if (run >= WarmUpRuns) times.Add(timer.Elapsed.TotalMilliseconds);
    }
    var sorted = times.Order().ToArray();
    results.Add((name, what, sorted));
    Console.WriteLine($"{name,-36} median {Median(sorted),7:N1} ms   p95 {Percentile(sorted, 0.95),7:N1} ms   max {sorted[^1],7:N1} ms");
}

int schoolId;
await using (var db = NewContext(connectionString)) schoolId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();

await MeasureAsync("Dashboard (/admin/quotas)", "snapshot + by type + provinces", async db =>
{
    var snapshot = await new Fulfilment(db, clock).LoadAsync(year);
    _ = snapshot.Total; _ = snapshot.ByType(); _ = snapshot.ByRegion(null);
});
await MeasureAsync("Drill-down to a prefecture", "snapshot + prefecture's counties", async db =>
{
    var snapshot = await new Fulfilment(db, clock).LoadAsync(year);
    _ = snapshot.ByRegion(snapshot.Organisations[0].PrefectureCode ?? snapshot.Organisations[0].ProvinceCode);
});
await MeasureAsync("Ranking (sorted by completion)", "snapshot + rank of all", async db =>
    _ = Fulfilment.Rank((await new Fulfilment(db, clock).LoadAsync(year)).Organisations, Fulfilment.RankBy.Completion, true));
await MeasureAsync("Behind pace + no filing", "snapshot + two lists", async db =>
{
    var snapshot = await new Fulfilment(db, clock).LoadAsync(year);
    _ = snapshot.BehindPace(); _ = snapshot.WithoutFiling();
});
await MeasureAsync("Trends (/admin/quotas/trends)", "snapshot + monthly sums by type", async db =>
{
    var fulfilment = new Fulfilment(db, clock);
    _ = (await fulfilment.LoadAsync(year)).ByType();
    _ = Fulfilment.AllTypes(await fulfilment.MonthlyByTypeAsync(year));
});
await MeasureAsync("Impact (counties + suppliers)", "2 grouped sums", async db =>
{
    var fulfilment = new Fulfilment(db, clock);
    await fulfilment.ByCountyAsync(year);
    await fulfilment.BySupplierAsync(year);
});
await MeasureAsync("An organisation's quota panel", "panel of one organisation", async db =>
    await new QuotaPanel(db, new QuotaLedger(db, clock), clock).LoadAsync(schoolId, year));
// The three queries of the snapshot, alone, to see where a dashboard view spends its time.
await MeasureAsync("Part: organisations with regions", "5,000 rows", async db =>
    await db.Organisations.AsNoTracking().Where(o => o.Status == VerificationStatus.Verified)
        .Select(o => new { o.Id, o.Name, o.Type, o.RegionCode, CountyName = o.Region.Name, o.Region.PrefectureCode, o.Region.PrefectureName, o.Region.ProvinceCode, o.Region.ProvinceName })
        .ToListAsync());
await MeasureAsync("Part: the year's filings", "about 4,500 rows", async db =>
    await db.CanteenFilings.AsNoTracking().Where(f => f.Year == year)
        .Select(f => new { f.OrganisationId, f.Kind, f.Status, f.SharedWithOrganisationId, f.AppliedRatioBasisPoints, f.ReservedFen }).ToListAsync());
await MeasureAsync("Part: the year's totals per organisation", "GROUP BY over monthly totals", async db =>
    await db.QuotaMonthlyTotals.AsNoTracking().Where(t => t.Year == year).GroupBy(t => t.OrganisationId)
        .Select(g => new { g.Key, Sum = g.Sum(t => t.AmountFen) }).ToListAsync());
await MeasureAsync("For comparison: sum of all entries", "GROUP BY over the ledger itself", async db =>
    await db.QuotaEntries.Where(e => e.Year == year).GroupBy(e => e.OrganisationId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountFen) }).ToListAsync());

var load = $"load average {loadBefore} before the measures, {LoadAverage()} after";
Console.WriteLine(load);
if (options.Write) await WriteResultsAsync(results, options, seedTimer.Elapsed, connectionString, load);
return 0;

static StorefrontDbContext NewContext(string connectionString) =>
    new(new DbContextOptionsBuilder<StorefrontDbContext>()
        .UseNpgsql(connectionString, o => o.MigrationsAssembly("Storefront.Migrations.PostgreSql"))
        .Options);

static async Task<string> ThrowawayDatabaseAsync()
{
    var server = PostgreSqlServer.Instance ?? throw new InvalidOperationException(PostgreSqlServer.UnavailableReason);
    await server.ExecuteAsync("CREATE DATABASE sf_benchmark");
    return server.ConnectionString("sf_benchmark");
}

static async Task SeedAsync(StorefrontDbContext db, string connectionString, Args options, int year)
{
    var random = new Random(2026);
    var counties = await db.Divisions.Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).ToListAsync();
    var designated = await db.Divisions.Where(d => d.Level == DivisionLevel.County && d.ProvinceCode == "430000").Select(d => d.Code).Take(60).ToListAsync();
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();

    // Organisations: spread over every county of the country, of every type.
    await using (var copy = await connection.BeginBinaryImportAsync(
        "COPY \"Organisations\" (\"Name\", \"Type\", \"CreditCode\", \"RegionCode\", \"Status\", \"PaymentTermDays\", \"CreatedAtUtc\") FROM STDIN (FORMAT BINARY)"))
    {
        for (var i = 1; i <= options.Organisations; i++)
        {
            var region = counties[random.Next(counties.Count)];
            await copy.StartRowAsync();
            await copy.WriteAsync($"基准测试单位{i:D5}", NpgsqlDbType.Varchar);
            await copy.WriteAsync(random.Next(1, 6), NpgsqlDbType.Integer);
            await copy.WriteAsync(UnifiedSocialCreditCode.Complete($"12{region}MB{i:D7}"), NpgsqlDbType.Char);
            await copy.WriteAsync(region, NpgsqlDbType.Char);
            await copy.WriteAsync((int)VerificationStatus.Verified, NpgsqlDbType.Integer);
            await copy.WriteAsync(30, NpgsqlDbType.Integer);
            await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }
    var ids = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();

    // Nine in ten have an approved canteen filing.
    await using (var copy = await connection.BeginBinaryImportAsync(
        "COPY \"CanteenFilings\" (\"OrganisationId\", \"Year\", \"Kind\", \"BaseFen\", \"Status\", \"AppliedRatioBasisPoints\", \"ReservedFen\", \"SubmittedAtUtc\", \"Version\") FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var id in ids.Where(_ => random.Next(10) > 0))
        {
            var baseFen = random.NextInt64(50_000_000, 2_000_000_000);
            var ratio = new[] { 1000, 1500, 2000, 3000 }[random.Next(4)];
            await copy.StartRowAsync();
            await copy.WriteAsync(id, NpgsqlDbType.Integer);
            await copy.WriteAsync(year, NpgsqlDbType.Integer);
            await copy.WriteAsync((int)FilingKind.Canteen, NpgsqlDbType.Integer);
            await copy.WriteAsync(baseFen, NpgsqlDbType.Bigint);
            await copy.WriteAsync((int)FilingStatus.Approved, NpgsqlDbType.Integer);
            await copy.WriteAsync(ratio, NpgsqlDbType.Integer);
            await copy.WriteAsync(ReservedQuota.Compute(baseFen, ratio), NpgsqlDbType.Bigint);
            await copy.WriteAsync(DateTime.UtcNow, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(1, NpgsqlDbType.Integer);
        }
        await copy.CompleteAsync();
    }

    // The ledger: payments through the year, one refund in twenty, a few 832 changes; two years, mostly this one.
    var start = ShanghaiTime.YearBounds(year - 1).StartUtc;
    var span = (long)(ShanghaiTime.ToUtc(new DateTime(year, 9, 30)) - start).TotalSeconds;
    await using (var copy = await connection.BeginBinaryImportAsync(
        "COPY \"QuotaEntries\" (\"OrganisationId\", \"Kind\", \"AmountFen\", \"OccurredAtUtc\", \"Year\", \"Month\", \"SourceKey\", \"SupplierId\", \"CountyCode\", \"RecordedAtUtc\") FROM STDIN (FORMAT BINARY)"))
    {
        for (var i = 0; i < options.Entries; i++)
        {
            var at = start.AddSeconds(random.NextInt64(span));
            var local = ShanghaiTime.FromUtc(at);
            var roll = random.Next(20);
            var (kind, amount) = roll == 0 ? (QuotaEntryKind.Refund, -random.NextInt64(100, 50_000))
                : roll == 1 ? (QuotaEntryKind.Platform832Order, random.NextInt64(-20_000, 200_000) | 1)
                : (QuotaEntryKind.PaymentConfirmed, random.NextInt64(1_000, 500_000));
            await copy.StartRowAsync();
            await copy.WriteAsync(ids[random.Next(ids.Count)], NpgsqlDbType.Integer);
            await copy.WriteAsync((int)kind, NpgsqlDbType.Integer);
            await copy.WriteAsync(amount, NpgsqlDbType.Bigint);
            await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(local.Year, NpgsqlDbType.Integer);
            await copy.WriteAsync(local.Month, NpgsqlDbType.Integer);
            await copy.WriteAsync($"bench:{i}", NpgsqlDbType.Varchar);
            // A supplier sells from its own county, as in the catalog.
            var supplier = random.Next(1, 400);
            await copy.WriteAsync(supplier, NpgsqlDbType.Integer);
            await copy.WriteAsync(designated[supplier % designated.Count], NpgsqlDbType.Char);
            await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync();
    }
    // COPY goes around EF, so the totals the ledger keeps are built once from the entries, then the planner learns the tables.
    await QuotaTotalsInterceptor.RebuildAsync(db);
    await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
}

static double Median(double[] sorted) => Percentile(sorted, 0.5);
static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static async Task WriteResultsAsync(List<(string Name, string What, double[] Ms)> results, Args options, TimeSpan seeding, string connectionString, string load)
{
    var file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "RESULTS.md");
    var text = new StringBuilder();
    text.AppendLine("# Quota dashboard benchmark: measured figures").AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} with `dotnet run -c Release --project tests/Storefront.Benchmarks -- --write`: PostgreSQL {await ServerVersionAsync(connectionString)}, {options.Organisations:N0} organisations, {options.Entries:N0} ledger entries, {options.Runs} runs per view after {WarmUpRuns} warm-up runs, on {Environment.ProcessorCount} cores shared with other work ({load}). Seeding took {seeding.TotalSeconds:N0} s.").AppendLine();
    text.AppendLine("| view | what it reads | median | p95 | max |").AppendLine("|---|---|---:|---:|---:|");
    foreach (var (name, what, ms) in results)
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {what} | {Median(ms):N1} ms | {Percentile(ms, 0.95):N1} ms | {ms[^1]:N1} ms |");
    await File.WriteAllTextAsync(file, text.ToString());
    Console.WriteLine($"Written to {Path.GetFullPath(file)}");

    static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }
}

sealed class FixedClock(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
}

sealed record Args(string? Connection, int Organisations, int Entries, int Runs, bool Write)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => int.TryParse(Value(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        return new Args(Value("--connection"), Number("--organisations", 5_000), Number("--entries", 2_000_000), Number("--runs", 30), args.Contains("--write"));
    }
}
