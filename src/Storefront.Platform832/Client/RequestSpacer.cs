namespace Storefront.Platform832.Client;

/// <summary>
/// The client-side rate limit: request starts are spaced 1/rate apart, so that no second ever holds more than the
/// rate, whatever the platform's burst allowance. One per process, shared by every job that calls the platform;
/// several instances do not call at once because each job runs on one instance (its lease).
/// </summary>
public sealed class RequestSpacer(TimeProvider clock, double requestsPerSecond)
{
    private readonly long _spacingTicks = (long)(TimeSpan.TicksPerSecond / Math.Max(0.1, requestsPerSecond));
    private readonly Lock _gate = new();
    private long _nextSlotTicks;

    /// <summary>
    /// Waits for this caller's slot, by the clock: a timer may fire a moment before the clock reaches the slot, and the
    /// platform counts its rate (and a 429's Retry-After) by its clock, so what is left is waited out too. Retrying a
    /// moment early after a 429 had the retry refused again.
    /// </summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        long slot;
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcTicks;
            slot = Math.Max(now, _nextSlotTicks);
            _nextSlotTicks = slot + _spacingTicks;
        }
        for (var left = slot - clock.GetUtcNow().UtcTicks; left > 0; left = slot - clock.GetUtcNow().UtcTicks)
            await Task.Delay(TimeSpan.FromTicks(left), clock, ct);
    }

    /// <summary>After a 429, nobody starts before the platform said to come back.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate) _nextSlotTicks = Math.Max(_nextSlotTicks, until.UtcTicks);
    }
}
