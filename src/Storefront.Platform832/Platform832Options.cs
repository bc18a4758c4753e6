namespace Storefront.Platform832;

/// <summary>The "Platform832" configuration section. With no BaseUrl the adapter's jobs stay off.</summary>
public sealed class Platform832Options
{
    public const string Section = "Platform832";

    public string? BaseUrl { get; set; }
    public string AppKey { get; set; } = "";
    public string AppSecret { get; set; } = "";
    /// <summary>The shop's own public address, for the absolute image URLs the platform requires.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Time-out of one attempt of one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The platform allows 10 requests a second per app key; the client stays within this.</summary>
    public double RequestsPerSecond { get; set; } = 10;
    /// <summary>Attempts of one call after a platform fault or no answer (API.md: retry with backoff).</summary>
    public int FaultAttempts { get; set; } = 4;
    /// <summary>Attempts of one call that is rate limited (each after waiting Retry-After).</summary>
    public int RateLimitedAttempts { get; set; } = 6;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The longest Retry-After honoured; a longer one ends the call as rate limited.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Items per batch upsert (API.md: 1 to 50).</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>Listings taken from the outbox in one run of the sync job.</summary>
    public int ListingsPerRun { get; set; } = 1000;
    /// <summary>Requests of one sync run in flight at once (the rate limiter still spaces them).</summary>
    public int Parallelism { get; set; } = 4;
    /// <summary>Failed attempts at one listing revision before it is parked for an admin.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first pause before a listing is tried again; doubled each attempt, with jitter.</summary>
    public TimeSpan SyncRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan SyncRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Page size of the audits, orders and products reads (1 to 100).</summary>
    public int PageSize { get; set; } = 100;
    /// <summary>Where the audit and order followers start on a fresh database.</summary>
    public DateTimeOffset FollowFrom { get; set; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How often the platform's categories and counties are read again (they are read on start too).</summary>
    public TimeSpan ReferenceDataInterval { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan AuditsInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan OrdersInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often the reconciliation job looks for a requested run.</summary>
    public TimeSpan ReconciliationPollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>The schedule of reconciliation runs nobody asked for.</summary>
    public TimeSpan ReconciliationSchedule { get; set; } = TimeSpan.FromHours(24);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);
}
