using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Storefront.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for this test process: initdb into a temporary folder, pg_ctl on a free port,
/// stopped and deleted when the process ends. PostgreSQL refuses to run as root, so under root the server runs as
/// a non-root user (STOREFRONT_PG_USER, else "postgres") through runuser.
/// </summary>
public sealed class PostgreSqlServer
{
    private static readonly Lazy<PostgreSqlServer?> Shared = new(StartOrNull, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _unavailableReason;

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string? _runAs;

    public int Port { get; }
    public const string Superuser = "storefront";

    private PostgreSqlServer(string binDirectory, string dataDirectory, string? runAs, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The cluster of this process, or null with <see cref="UnavailableReason"/> when PostgreSQL cannot run here.</summary>
    public static PostgreSqlServer? Instance => Shared.Value;

    public static string UnavailableReason => _unavailableReason ?? "PostgreSQL is available";

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = true,
            MaxPoolSize = 60,
            Timeout = 30,
            CommandTimeout = 60,
        }.ConnectionString;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgreSqlServer? StartOrNull()
    {
        try
        {
            var bin = FindBinaries();
            if (bin is null)
            {
                _unavailableReason = "PostgreSQL binaries (initdb, pg_ctl) were not found: set STOREFRONT_PG_BIN or install postgresql.";
                return null;
            }
            var runAs = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" || IsRoot()
                ? Environment.GetEnvironmentVariable("STOREFRONT_PG_USER") ?? "postgres"
                : null;
            var root = Path.Combine(Path.GetTempPath(), $"storefront-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(root);
            var data = Path.Combine(root, "data");
            if (runAs is not null)
            {
                Run("chown", ["-R", runAs, root], runAs: null);
            }
            var port = FreePort();
            Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);
            Run(Path.Combine(bin, "pg_ctl"),
            [
                "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start", "-o",
                $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB",
            ], runAs);
            var server = new PostgreSqlServer(bin, data, runAs, port);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(root);
            return server;
        }
        catch (Exception e)
        {
            _unavailableReason = $"PostgreSQL could not be started: {e.Message}";
            return null;
        }
    }

    private void Stop(string root)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            Run(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _runAs);
        }
        catch (Exception)
        {
            // The process is ending; a server left behind dies with the machine's temporary folder.
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot()
    {
        try { return File.ReadAllText("/proc/self/status").Split('\n').Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0"); }
        catch (IOException) { return false; }
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("STOREFRONT_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = runAs is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser");
        if (runAs is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} took longer than two minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {error.Result}{output.Result}".Trim());
    }
}
