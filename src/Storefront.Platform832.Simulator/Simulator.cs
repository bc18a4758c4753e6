using System.Collections.Concurrent;

namespace Storefront.Platform832.Simulator;

/// <summary>
/// The running simulator as tests and the control page see it: the platform's state, the faults in force (replaced
/// whole at run time), the platform's clock (true time plus the injected skew), and the request guards: nonces seen
/// and the token bucket of the rate limit.
/// </summary>
public sealed class Simulator
{
    private readonly Lock _randomGate = new();
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);
    private readonly Lock _bucketGate = new();
    private double _tokens;
    private DateTimeOffset _bucketAt = DateTimeOffset.UtcNow;
    private DateTimeOffset _burstUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastNoncePrune = DateTimeOffset.UtcNow;
    private long _requests;
    private long _noncesReplayed;

    public SimulatorOptions Options { get; }
    public PlatformState State { get; }
    public volatile FaultSettings Faults;

    public Simulator(SimulatorOptions options)
    {
        Options = options;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        Faults = options.Faults.Copy();
        _tokens = options.Burst;
        State = new PlatformState(options, Now, new Random(_random.Next()));
    }

    /// <summary>The platform's clock: true time plus the injected skew.</summary>
    public DateTimeOffset Now() => DateTimeOffset.UtcNow.AddSeconds(Faults.ClockSkewSeconds);

    /// <summary>Requests received on the open API, for tests and the page.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    internal void Counted() => Interlocked.Increment(ref _requests);

    /// <summary>Requests refused 40103 because their nonce was seen before: a client that resends a signed request as it was.</summary>
    public long NoncesReplayed => Interlocked.Read(ref _noncesReplayed);

    internal void NonceReplayed() => Interlocked.Increment(ref _noncesReplayed);

    public double NextDouble() { lock (_randomGate) return _random.NextDouble(); }

    /// <summary>True when the nonce is new; remembers it for the replay window.</summary>
    internal bool TryUseNonce(string nonce)
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _lastNoncePrune > TimeSpan.FromSeconds(30))
        {
            _lastNoncePrune = now;
            var cutoff = now - TimeSpan.FromMinutes(Options.NonceWindowMinutes);
            foreach (var (key, at) in _nonces) if (at < cutoff) _nonces.TryRemove(key, out _);
        }
        return _nonces.TryAdd(nonce, now);
    }

    /// <summary>The token bucket of the rate limit: zero when the request may go on, otherwise the wait until a token is there.</summary>
    internal TimeSpan TakeToken()
    {
        lock (_bucketGate)
        {
            var now = DateTimeOffset.UtcNow;
            _tokens = Math.Min(Options.Burst, _tokens + (now - _bucketAt).TotalSeconds * Options.RequestsPerSecond);
            _bucketAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / Options.RequestsPerSecond);
        }
    }

    /// <summary>The 429 burst fault: the remaining burst, starting one by chance.</summary>
    internal TimeSpan InBurst(FaultSettings faults)
    {
        lock (_bucketGate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now < _burstUntil) return _burstUntil - now;
            if (faults.Burst429Rate <= 0 || NextDouble() >= faults.Burst429Rate) return TimeSpan.Zero;
            _burstUntil = now + TimeSpan.FromSeconds(faults.Burst429Seconds);
            return _burstUntil - now;
        }
    }
}
