using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Platform832.Sync;
using Storefront.Platform832.Tests;

// Syncs 10,000 listings against the simulator's real rate limit (10 requests a second, bursts of 20) with the
// adapter's production settings (10 requests a second, batches of 50), and prints the time beside the bound the
// limit sets: 10,000 / 50 = 200 requests at 10 a second = 20 s. Run it in Release:
//   dotnet run -c Release --project tests/Storefront.Platform832.Benchmark [listings] [suppliers]
var listings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var suppliers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;

await using var h = await AdapterHarness.StartAsync(
    o => { o.RequestsPerSecond = 10; o.Burst = 20; },
    new Dictionary<string, string?>
    {
        ["Platform832:RequestsPerSecond"] = "10",
        ["Platform832:BatchSize"] = "50",
        ["Platform832:ListingsPerRun"] = "1000",
        ["Platform832:Parallelism"] = "4",
    });

var seeding = Stopwatch.StartNew();
for (var s = 0; s < suppliers; s++)
{
    var supplier = await h.AddSupplierAsync($"S{s:D4}");
    await h.AddListingsAsync(supplier.Id, listings / suppliers);
}
Console.WriteLine($"Seeded {listings} listings of {suppliers} suppliers in {seeding.Elapsed.TotalSeconds:F1} s");

var requestsBefore = h.Platform.Requests;
var clock = Stopwatch.StartNew();
// What the sync job does on each tick: drain the outbox, a run of 1,000 listings at a time.
var result = await h.InScopeAsync<ListingSync, ListingSync.RunResult>(s => s.DrainAsync(TimeSpan.FromMinutes(10)));
var elapsed = clock.Elapsed;
var requests = h.Platform.Requests - requestsBefore;
var inStep = await h.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.RevisionAcknowledged == r.Listing.Revision));
var bound = TimeSpan.FromSeconds(listings / 50.0 / 10.0);
Console.WriteLine("| listings | requests | acknowledged | in step | time | bound | ratio |");
Console.WriteLine("|---|---|---|---|---|---|---|");
Console.WriteLine($"| {listings:N0} | {requests} | {result.Acknowledged:N0} | {inStep:N0} | {elapsed.TotalSeconds:F1} s | {bound.TotalSeconds:F0} s | {elapsed / bound:F2} × |");
return inStep == listings ? 0 : 1;
