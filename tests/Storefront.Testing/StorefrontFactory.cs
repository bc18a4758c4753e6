using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Storefront.Core.Data;

namespace Storefront.Testing;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>
/// The shop in process, on its own database: a copy of a demo database that was migrated and seeded once per test
/// run (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL), or an empty one.
/// Runs in the "Testing" environment, so error pages and HSTS behave as in production.
/// </summary>
public class StorefrontFactory : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "storefront-tests", $"app-{Guid.NewGuid():N}");
    private string? _connectionString;

    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>False gives an empty, freshly migrated database with no demo data.</summary>
    protected virtual bool WithDemoData => true;

    /// <summary>Configuration for this factory on top of the test defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public string DataPath => _dataPath;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The host has not been built yet.");

    public StorefrontFactory()
    {
        // HTTPS, for Secure cookies; not "localhost", which HSTS leaves out.
        ClientOptions.BaseAddress = new Uri("https://storefront.test");
    }

    /// <summary>A client that hands back redirects instead of following them, to check where they lead.</summary>
    public HttpClient CreateClientWithoutRedirects() => CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>Skips (or, where required, fails) the calling test when this factory's database cannot run here.</summary>
    public void RequireDatabase()
    {
        if (Provider == DatabaseProvider.PostgreSql)
            Requirements.Need(PostgreSqlServer.Instance is not null, Requirements.PostgresRequired, PostgreSqlServer.UnavailableReason);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        RequireDatabase();
        Directory.CreateDirectory(_dataPath);
        // Once per factory: WithWebHostBuilder builds again through this method, as a restart on the same database.
        _connectionString ??= CreateDatabase();
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in TestDatabases.BaseSettings(Provider, _connectionString, _dataPath).Concat(Settings))
            builder.UseSetting(key, value);
    }

    /// <summary>This factory's own database: a copy of the demo, or an empty one; another instance may share one instead.</summary>
    protected virtual string CreateDatabase() =>
        WithDemoData ? TestDatabases.CopyOfDemo(Provider, _dataPath) : TestDatabases.Empty(Provider, _dataPath);

    /// <summary>A scope of the running app's services, for arranging data and checking what a request stored.</summary>
    public async Task<T> WithDbAsync<T>(Func<StorefrontDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());
    }

    public Task WithDbAsync(Func<StorefrontDbContext, Task> work) => WithDbAsync(async db => { await work(db); return 0; });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public class PostgreSqlStorefrontFactory : StorefrontFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>The demo databases seeded once per test run, and the copies each factory gets.</summary>
public static class TestDatabases
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<string>> Templates = new();
    private static int _counter;

    /// <summary>Processed photos are content-addressed, so every factory of the run shares one folder.</summary>
    /// <summary>Host names a shop on Kestrel answers besides its public address: the tests call it on the loopback.</summary>
    public const string LoopbackHosts = "storefront.test;localhost;127.0.0.1";

    public static readonly string SharedPhotosPath = Path.Combine(Path.GetTempPath(), "storefront-tests", $"photos-{Environment.ProcessId}");

    public static IEnumerable<KeyValuePair<string, string?>> BaseSettings(DatabaseProvider provider, string connectionString, string dataPath) =>
    [
        new("Database:Provider", provider.ToString()),
        new("ConnectionStrings:Storefront", connectionString),
        new("Storefront:DataPath", dataPath),
        new("Photos:Path", SharedPhotosPath),
        new("Demo:Seed", "true"),
        // Outside Development the shop needs its public address; AllowedHosts follows it (storefront.test).
        new("Storefront:PublicUrl", "https://storefront.test"),
        // Tests sign in many times from one address; the throttle's own tests set low limits.
        new("Security:SignInAttemptsPerAddressPerMinute", "100000"),
        new("Security:SignInAttemptsPerAccountPerQuarterHour", "100000"),
    ];

    public static string CopyOfDemo(DatabaseProvider provider, string dataPath)
    {
        var template = Templates.GetOrAdd(provider, p => new Lazy<string>(() => CreateTemplate(p))).Value;
        var n = Interlocked.Increment(ref _counter);
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(dataPath, "storefront.db");
            File.Copy(template, file);
            return $"Data Source={file}";
        }
        var server = PostgreSqlServer.Instance!;
        var name = $"sf_{Environment.ProcessId}_{n}";
        // A template may have no other session while it is copied; the lock keeps copies one at a time.
        lock (Templates)
        {
            server.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"").GetAwaiter().GetResult();
        }
        return server.ConnectionString(name);
    }

    public static string Empty(DatabaseProvider provider, string dataPath)
    {
        if (provider == DatabaseProvider.Sqlite) return $"Data Source={Path.Combine(dataPath, "storefront.db")}";
        var name = $"sf_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}_empty";
        PostgreSqlServer.Instance!.ExecuteAsync($"CREATE DATABASE \"{name}\"").GetAwaiter().GetResult();
        return PostgreSqlServer.Instance!.ConnectionString(name);
    }

    private static string CreateTemplate(DatabaseProvider provider)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "storefront-tests", $"template-{provider}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataPath);
        string connectionString, template;
        if (provider == DatabaseProvider.Sqlite)
        {
            template = Path.Combine(dataPath, "storefront.db");
            connectionString = $"Data Source={template}";
        }
        else
        {
            template = $"sf_template_{Environment.ProcessId}";
            PostgreSqlServer.Instance!.ExecuteAsync($"CREATE DATABASE \"{template}\"").GetAwaiter().GetResult();
            connectionString = PostgreSqlServer.Instance!.ConnectionString(template);
        }
        using (var seeding = new SeedingFactory(BaseSettings(provider, connectionString, dataPath)))
        {
            // Starting the host migrates and seeds the database.
            using var _ = seeding.CreateClient();
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            // Fold the write-ahead log into the file, so that a plain copy holds everything.
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
            connection.Close();
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }
        return template;
    }

    private sealed class SeedingFactory(IEnumerable<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}
