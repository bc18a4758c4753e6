using Microsoft.Extensions.Time.Testing;
using Storefront.Core.Jobs;

namespace Storefront.Core.Tests.Jobs;

public class JobLeasesTests
{
    [Fact]
    public async Task OneHolderAtATimeUntilTheLeaseIsGivenBackOrRunsOut()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var leases = new JobLeases(database.Db, clock);

        Assert.True(await leases.TryAcquireAsync("sync", "a", TimeSpan.FromMinutes(5)));
        Assert.False(await leases.TryAcquireAsync("sync", "b", TimeSpan.FromMinutes(5)));
        Assert.True(await leases.TryAcquireAsync("sync", "a", TimeSpan.FromMinutes(5)), "the holder renews");

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await leases.TryAcquireAsync("sync", "b", TimeSpan.FromMinutes(5)), "a lapsed lease is taken over");
        Assert.False(await leases.TryAcquireAsync("sync", "a", TimeSpan.FromMinutes(5)));

        await leases.ReleaseAsync("sync", "b", succeeded: true);
        Assert.True(await leases.TryAcquireAsync("sync", "a", TimeSpan.FromMinutes(5)));
        Assert.True(await leases.TryAcquireAsync("other", "b", TimeSpan.FromMinutes(5)), "leases are per job");
    }
}
