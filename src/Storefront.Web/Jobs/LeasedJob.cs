using Storefront.Core.Jobs;

namespace Storefront.Web.Jobs;

/// <summary>
/// A background job that runs on a schedule and, through a lease in the database, on one instance at a time.
/// Subclasses do one run in <see cref="RunOnceAsync"/>; failures are logged and the next run tries again.
/// </summary>
public abstract class LeasedJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Names this instance in leases: machine, process and a random part for instances in one process (tests).</summary>
    public static readonly string InstanceId = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 200);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    protected abstract string Name { get; }
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
            using var scope = scopes.CreateScope();
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            if (!await leases.TryAcquireAsync(Name, InstanceId, LeaseDuration, ct)) return false;
            var succeeded = false;
            try
            {
                await RunOnceAsync(scope.ServiceProvider, ct);
                succeeded = true;
            }
            finally
            {
                await leases.ReleaseAsync(Name, InstanceId, succeeded, CancellationToken.None);
            }
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background job {Job} failed", Name);
            return false;
        }
    }
}
