using Microsoft.Extensions.Time.Testing;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.Tests.Client;

public class RequestSpacerTests
{
    [Fact]
    public async Task CallsAtOnceStartATenthOfASecondApartSoNoSecondHoldsMoreThanTen()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var spacer = new RequestSpacer(clock, 10);
        var started = new List<TimeSpan>();
        var waits = Enumerable.Range(0, 25).Select(_ => spacer.WaitAsync(CancellationToken.None)
            .ContinueWith(_ => { lock (started) started.Add(clock.GetUtcNow() - DateTimeOffset.UnixEpoch); }, TaskContinuationOptions.ExecuteSynchronously)).ToList();
        for (var step = 0; step < 300 && waits.Any(w => !w.IsCompleted); step++) clock.Advance(TimeSpan.FromMilliseconds(10));
        await Task.WhenAll(waits);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => TimeSpan.FromMilliseconds(100 * i)), started.Order());
        Assert.All(started, s => Assert.True(started.Count(o => o >= s && o < s + TimeSpan.FromSeconds(1)) <= 10));
    }

    [Fact]
    public async Task AfterARetryAfterNobodyStartsBeforeThePlatformSaidToComeBack()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var spacer = new RequestSpacer(clock, 10);
        spacer.PauseUntil(clock.GetUtcNow().AddSeconds(2));
        var wait = spacer.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await wait;
    }
}
