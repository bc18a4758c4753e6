using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Jobs;
using Storefront.Core.People;
using Storefront.Core.Quotas;
using Storefront.Core.ReferenceData;
using Storefront.Core.Regions;
using Storefront.Web.Demo;
using Storefront.Web.Performance;

namespace Storefront.Web.Setup;

public static class DataSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgreSqlProvider = "PostgreSql";

    /// <summary>SQLite by default (a file in the data folder, nothing to install); PostgreSQL when configured.</summary>
    public static void AddStorefrontData(this WebApplicationBuilder builder)
    {
        var paths = StorefrontPaths.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(TimeProvider.System);

        var provider = builder.Configuration["Database:Provider"] ?? SqliteProvider;
        var connectionString = builder.Configuration.GetConnectionString("Storefront");
        // Pooled: every request of a signed-in person uses a context, and setting one up afresh was a measurable part
        // of a cached catalog page (issue 13). The context keeps no state of its own between requests. The statements
        // run on nearly every request are kept prepared and run without EF (Performance/KeptStatements).
        builder.Services.AddSingleton<KeptStatements>();
        builder.Services.AddDbContextPool<StorefrontDbContext>((services, options) =>
        {
            StorefrontDbContext.AddInterceptorsTo(options).AddInterceptors(services.GetRequiredService<KeptStatements>());
            if (string.Equals(provider, PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Storefront is empty.");
                options.UseNpgsql(WithPreparedStatements(connectionString), o => o.MigrationsAssembly("Storefront.Migrations.PostgreSql"));
            }
            else if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
            {
                var sqlite = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(paths.DataPath, "storefront.db")}"
                    : connectionString;
                options.UseSqlite(sqlite, o => o.MigrationsAssembly("Storefront.Migrations.Sqlite"));
            }
            else
            {
                throw new InvalidOperationException($"Database:Provider '{provider}' is unknown: use Sqlite or PostgreSql.");
            }
        });
        builder.Services.AddScoped<DesignatedCounties>();
        builder.Services.AddScoped<CatalogSearch>();
        builder.Services.AddScoped<ZonePictures>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<QuotaLedger>();
        builder.Services.AddScoped<JobLeases>();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddHealthChecks().AddDbContextCheck<StorefrontDbContext>("database");
    }

    /// <summary>
    /// PostgreSQL's connection with Npgsql's automatic preparation, without PostgreSQL's JIT compilation and without a
    /// reset of the session at each return to the pool, unless the connection string says otherwise. A page's
    /// statements are the same at every request, and PostgreSQL parsed and planned each afresh: about a millisecond of its CPU for a signed-in person's one statement of seats and stamp
    /// (issue 13's full run), where running it took a tenth of that. The fulfilment dashboard's summary costs more than
    /// JIT's threshold, and compiling it took about 20 of its 77 ms, each time.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) (tuned.MaxAutoPrepare, tuned.AutoPrepareMinUsages) = (100, 2);
        if (string.IsNullOrEmpty(tuned.Options)) tuned.Options = "-c jit=off";
        // The shop sets nothing on a session that outlives its statement (no SET, temporary table or LISTEN; its one
        // advisory lock is freed explicitly), so a pooled connection is not reset at every return: the reset's
        // statements were a quarter of PostgreSQL's CPU for a signed-in buyer's kept page (0.134 to 0.102 ms).
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) tuned.NoResetOnClose = true;
        return tuned.ConnectionString;
    }

    /// <summary>
    /// Whether the demo is seeded: Demo:Seed when set, otherwise only in Development (`dotnet run` through
    /// launchSettings.json), so that a production start never creates accounts with the demo's published password.
    /// </summary>
    public static bool SeedsDemo(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Demo:Seed"];
        if (string.IsNullOrWhiteSpace(configured)) return environment.IsDevelopment();
        return bool.TryParse(configured, out var seed) ? seed
            : throw new InvalidOperationException($"Demo:Seed '{configured}' is neither true nor false.");
    }

    /// <summary>Migrates (unless turned off for production), loads reference data, and seeds the demo into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<StorefrontDbContext>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Several instances may start at once (scale-out, issue 8): one prepares while the others wait, then find it done.
        await using var preparing = await Performance.PreparationLock.TakeAsync(db);
        if (app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // WAL lets readers and a writer work at once; the setting stays with the database file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            logger.LogInformation("Database migrated in {Elapsed} ms", clock.ElapsedMilliseconds);
            await ReferenceDataLoader.EnsureAsync(db);
            logger.LogInformation("Reference data ready at {Elapsed} ms", clock.ElapsedMilliseconds);
        }
        if (SeedsDemo(app.Configuration, app.Environment))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync();
            logger.LogInformation("Demo data ready at {Elapsed} ms", clock.ElapsedMilliseconds);
        }
    }
}
