using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Storefront.Platform832.Simulator;

/// <summary>Builds the simulator: as its own program, or in process for tests (on a free loopback port).</summary>
public static class SimulatorApp
{
    /// <summary>The simulator configured from its "Simulator" section, or from the given options alone.</summary>
    public static WebApplication Build(string[] args, SimulatorOptions? given = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = given ?? builder.Configuration.GetSection("Simulator").Get<SimulatorOptions>() ?? new SimulatorOptions();
        builder.Services.AddSingleton(new Simulator(options));
        builder.Services.AddHostedService<BudgetUnitActivity>();
        var app = builder.Build();
        app.MapOpenApi();
        app.MapControlPage();
        app.MapGet("/", () => Results.Redirect("/sim"));
        return app;
    }

    /// <summary>Starts a simulator on 127.0.0.1 and a free port, from default options (not appsettings.json); dispose it to stop.</summary>
    public static async Task<RunningSimulator> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        var app = Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing", "--Logging:LogLevel:Default", "Warning"], options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSimulator(app, new Uri(address), app.Services.GetRequiredService<Simulator>());
    }
}

public sealed class RunningSimulator(WebApplication app, Uri baseUrl, Simulator simulator) : IAsyncDisposable
{
    public Uri BaseUrl { get; } = baseUrl;
    public Simulator Simulator { get; } = simulator;
    public PlatformState State => Simulator.State;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Budget units buying and orders moving on at the configured pace, for a demo that lives by itself.</summary>
internal sealed class BudgetUnitActivity(Simulator simulator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var orders = simulator.Options.Orders;
        if (orders.PlacePerMinute <= 0 && orders.AdvancePerMinute <= 0) return;
        double toPlace = 0, toAdvance = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            simulator.State.AuditByRule();
            toPlace += orders.PlacePerMinute / 60;
            toAdvance += orders.AdvancePerMinute / 60;
            if (toPlace >= 1) { simulator.State.PlaceOrders((int)toPlace); toPlace -= (int)toPlace; }
            if (toAdvance >= 1) { simulator.State.AdvanceOrders((int)toAdvance); toAdvance -= (int)toAdvance; }
        }
    }
}
