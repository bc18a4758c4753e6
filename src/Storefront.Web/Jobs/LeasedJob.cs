using Storefront.Core.Jobs;

namespace Storefront.Web.Jobs;

/// <summary>
/// A background job that runs on a schedule and, through a lease in the database, on one instance at a time.
/// Subclasses do one run in <see cref="RunOnceAsync"/>; failures are logged and the next run tries again.
/// </summary>
public abstract class LeasedJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>
    /// Names this job's instance in leases: machine, process and a random part, made per job object rather than per
    /// process, so that two hosts in one process (the scale-out tests) hold leases as two instances do.
    /// </summary>
    private readonly string _holder = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 200);

    /// <summary>
    /// One run at a time within this object too: the lease lets its holder take it again, so without this a run asked
    /// for directly (tests, a "run now") could overlap the scheduled one and send the same mail twice. It waits instead.
    /// </summary>
    private readonly SemaphoreSlim _running = new(1, 1);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    protected abstract string Name { get; }
    /// <summary>The name of the job's lease, for monitors and tests.</summary>
    public string LeaseName => Name;
    protected abstract TimeSpan Interval { get; }
    /// <summary>How long a run may take before another instance may take over.</summary>
    protected virtual TimeSpan LeaseDuration => TimeSpan.FromMinutes(5);

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await TryRunAsync(stoppingToken);
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One run if the lease can be had; true when this instance ran the job.</summary>
    public async Task<bool> TryRunAsync(CancellationToken ct)
    {
        try
        {
            await _running.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        try
        {
            using var scope = scopes.CreateScope();
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            if (!await leases.TryAcquireAsync(Name, _holder, LeaseDuration, ct)) return false;
            var succeeded = false;
            try
            {
                await RunOnceAsync(scope.ServiceProvider, ct);
                succeeded = true;
            }
            finally
            {
                await leases.ReleaseAsync(Name, _holder, succeeded, CancellationToken.None);
            }
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (JobRunFailedException e)
        {
            // A failure the job understands (a platform that did not answer): one line, not a stack.
            logger.LogWarning("Background job {Job} did not complete: {Reason}", Name, e.Message);
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background job {Job} failed", Name);
            return false;
        }
        finally
        {
            _running.Release();
        }
    }
}

/// <summary>
/// A run that failed for a reason the job has already described (the 832 platform down or refusing, say): the lease
/// keeps its last success, and the log gets one line with the reason instead of an exception's stack.
/// </summary>
public sealed class JobRunFailedException(string reason) : Exception(reason);
