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

    /// <summary>Waits for this caller's slot.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        long delayTicks;
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcTicks;
            var slot = Math.Max(now, _nextSlotTicks);
            _nextSlotTicks = slot + _spacingTicks;
            delayTicks = slot - now;
        }
        return delayTicks <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(delayTicks), clock, ct);
    }

    /// <summary>After a 429, nobody starts before the platform said to come back.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate) _nextSlotTicks = Math.Max(_nextSlotTicks, until.UtcTicks);
    }
}
