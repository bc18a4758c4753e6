using Storefront.Core.Demand;
using Storefront.Web.Jobs;

namespace Storefront.Web.Demand;

/// <summary>
/// The standing-order job: every hour, on one instance at a time (the lease "standing-orders"), makes the orders of
/// the agreements' deliveries that fall within their organisations' lead days (<see cref="StandingOrders"/>). Running
/// it again, or on two instances, makes each order once: the delivery's row is its key. StandingOrders:Enabled = false
/// (or Jobs:Enabled = false) switches it off.
/// </summary>
public sealed class StandingOrderJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<StandingOrderJob> logger)
    : LeasedJob(scopes, clock, logger)
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<StandingOrderJob> _logger = logger;

    protected override string Name => "standing-orders";
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A few minutes after start, not at once: instances starting together (and short-lived test hosts) make no orders.
        try { await Task.Delay(TimeSpan.FromMinutes(5), _clock, stoppingToken); }
        catch (OperationCanceledException) { return; }
        await base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var run = await services.GetRequiredService<StandingOrders>().RunAsync(ct);
        if (run.Made + run.Held > 0)
            _logger.LogInformation("Standing orders: {Made} made, {Held} waiting, {Elsewhere} made by another run", run.Made, run.Held, run.MadeElsewhere);
    }
}
