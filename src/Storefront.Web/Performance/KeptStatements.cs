using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Storefront.Core.Data;

namespace Storefront.Web.Performance;

/// <summary>
/// The statements tagged with <see cref="KeptStatement.Tag"/>, run on nearly every request. On SQLite, the counterpart
/// of Npgsql's automatic preparation: each is prepared once on a connection kept open for it and run from there again,
/// with the request's parameters. SQLite's driver prepares every command afresh (it keeps no statement past its command,
/// and EF makes a command per query), and for a signed-in person's one statement of seats and stamps, a UNION ALL of
/// six, preparing was most of the CPU of a whole kept page (issue 13: 0.285 ms a request with it, 0.106 without).
/// On both databases, a named statement (<see cref="KeptStatement.Named"/>) is also run without EF once EF has written
/// it (<see cref="RunAsync"/>): EF's connection, opened and closed around every query, its command and its reader were
/// a sixth of a kept page on SQLite after that; on PostgreSQL the statement goes with positional parameters, which
/// Npgsql sends without parsing its text. Only reads outside a transaction are served this way: they see what every
/// connection sees, the last committed state. SQLite's kept connections need a file's database (":memory:" is one
/// database per connection).
/// </summary>
public sealed partial class KeptStatements(ILogger<KeptStatements>? logger = null) : DbCommandInterceptor, IDisposable
{
    // A connection is used by one reader at a time; as many are opened as readers run at once, up to this many.
    private static readonly int MostConnections = Math.Max(4, Environment.ProcessorCount * 4);

    private readonly ConcurrentDictionary<string, Connections> _byDatabase = new(StringComparer.Ordinal);
    private static readonly string NamedLine = "-- " + KeptStatement.Named("");

    /// <summary>
    /// A named statement as EF wrote it: its text and its parameters' names and, on PostgreSQL, its text with the
    /// parameters by position ($1 for the first name, ...).
    /// </summary>
    private sealed record Named(string Text, string[] Parameters, string? Positional);

    private readonly ConcurrentDictionary<string, Named> _named = new(StringComparer.Ordinal);
    private bool _disposed;
    private int _prepared;

    /// <summary>How many statements were prepared to be kept, on all kept connections.</summary>
    public int Prepared => Volatile.Read(ref _prepared);

    private sealed class Connections(string connectionString)
    {
        public readonly bool InMemory = IsInMemory(connectionString);
        public readonly ConcurrentBag<KeptConnection> Idle = [];
        public int Opened;
    }

    private sealed class KeptConnection(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;
        public Dictionary<string, SqliteCommand> Statements { get; } = new(StringComparer.Ordinal);

        public void Dispose()
        {
            foreach (var statement in Statements.Values) statement.Dispose();
            Connection.Dispose();
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Serve(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        new(Serve(command, result));

    private InterceptionResult<DbDataReader> Serve(DbCommand command, InterceptionResult<DbDataReader> result)
    {
        var text = command.CommandText;
        if (result.HasResult || _disposed || !text.StartsWith(KeptStatement.TagLine, StringComparison.Ordinal)
            || text.Length == KeptStatement.TagLine.Length || text[KeptStatement.TagLine.Length] is not ('\r' or '\n' or ':'))
        {
            return result;
        }
        var parameters = command.Parameters;
        var names = parameters.Cast<DbParameter>().Select(p => p.ParameterName);
        // "-- kept prepared: seats" names the statement "seats".
        var tagLine = text[..Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal))].TrimEnd('\r');
        if (tagLine.StartsWith(NamedLine, StringComparison.Ordinal) && tagLine[NamedLine.Length..] is var name && !_named.ContainsKey(name))
        {
            string[] ordered = [.. names];
            _named.TryAdd(name, new Named(text, ordered, command is NpgsqlCommand ? Positional(text, ordered) : null));
        }
        if (command is not SqliteCommand { Transaction: null, Connection: { } connection }) return result;
        var reader = ExecuteOnSqlite(connection.ConnectionString, text, names, command.CommandTimeout, kept =>
        {
            foreach (SqliteParameter parameter in parameters)
            {
                var bound = kept[parameter.ParameterName];
                (bound.Value, bound.SqliteType, bound.Size) = (parameter.Value, parameter.SqliteType, parameter.Size);
            }
        });
        return reader is null ? result : InterceptionResult<DbDataReader>.SuppressWithResult(reader);
    }

    /// <summary>The text with each named parameter replaced by its position, as PostgreSQL writes them.</summary>
    private static string Positional(string text, string[] parameters) =>
        ParameterPattern().Replace(text, m => Array.IndexOf(parameters, m.Value) is var i and >= 0 ? $"${i + 1}" : m.Value);

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex ParameterPattern();

    /// <summary>
    /// Runs the named statement as EF last wrote it, without EF, each parameter bound from <paramref name="values"/> by
    /// its query's name (EF numbers a name used twice: userId, userId0, ...). Null, for EF to run it, when EF has not
    /// run it yet, a parameter has no value or, on SQLite, the database is in memory or the kept connections are all busy.
    /// </summary>
    public async ValueTask<DbDataReader?> RunAsync(string connectionString, string name, IReadOnlyDictionary<string, object> values, CancellationToken ct = default)
    {
        if (_disposed || !_named.TryGetValue(name, out var statement)) return null;
        var bound = new object[statement.Parameters.Length];
        for (var i = 0; i < bound.Length; i++)
            if (!values.TryGetValue(QueryName(statement.Parameters[i]), out bound[i]!)) return null;
        var reader = statement.Positional is { } positional
            ? await RunOnPostgreSqlAsync(connectionString, positional, bound, ct)
            : ExecuteOnSqlite(connectionString, statement.Text, statement.Parameters, null, kept =>
            {
                // New parameters, typed by their values: not as EF's command left them (EF sizes a string to its
                // value, and a size cuts a longer one). A prepared statement outlives its parameters.
                kept.Clear();
                for (var i = 0; i < bound.Length; i++) kept.Add(new SqliteParameter(statement.Parameters[i], bound[i]));
            });
        if (reader is not null) Executed(name, statement.Text);
        return reader;
    }

    /// <summary>On a connection of Npgsql's pool (EF's, by the same connection string), which prepares the statement by its text.</summary>
    private static async Task<DbDataReader> RunOnPostgreSqlAsync(string connectionString, string text, object[] values, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        NpgsqlCommand? command = null;
        try
        {
            await connection.OpenAsync(ct);
            command = new NpgsqlCommand(text, connection);
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            var reader = await command.ExecuteReaderAsync(ct);
            var owned = command;
            return new KeptReader(reader, () =>
            {
                owned.Dispose();
                connection.Dispose();
            });
        }
        catch
        {
            command?.Dispose();
            await connection.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(EventId = ExecutedEventId, Level = LogLevel.Information, Message = "Executed kept statement {Name}\n{Text}")]
    private static partial void LogExecuted(ILogger logger, string name, string text);

    /// <summary>The event logged (Information) for each statement run by <see cref="RunAsync"/>, which EF does not log.</summary>
    public const int ExecutedEventId = 13_001;

    private void Executed(string name, string text)
    {
        if (logger is not null) LogExecuted(logger, name, text);
    }

    // "@userId2" is the query's userId.
    private static string QueryName(string parameter) => parameter.TrimStart('@', '$', ':').TrimEnd("0123456789".ToCharArray());

    private KeptReader? ExecuteOnSqlite(string connectionString, string text, IEnumerable<string> parameters, int? timeout, Action<SqliteParameterCollection> bind)
    {
        var connections = _byDatabase.GetOrAdd(connectionString, c => new Connections(c));
        if (connections.InMemory) return null;
        if (!connections.Idle.TryTake(out var kept))
        {
            // As many as run at once: past that (a burst), the statement is prepared as any other.
            if (Interlocked.Increment(ref connections.Opened) > MostConnections)
            {
                Interlocked.Decrement(ref connections.Opened);
                return null;
            }
            var opened = new SqliteConnection(connectionString);
            opened.Open();
            kept = new KeptConnection(opened);
        }
        try
        {
            if (!kept.Statements.TryGetValue(text, out var statement))
            {
                statement = kept.Connection.CreateCommand();
                statement.CommandText = text;
                foreach (var name in parameters) statement.Parameters.Add(new SqliteParameter(name, DBNull.Value));
                statement.Prepare();
                Interlocked.Increment(ref _prepared);
                kept.Statements.Add(text, statement);
            }
            bind(statement.Parameters);
            if (timeout is { } seconds) statement.CommandTimeout = seconds;
            return new KeptReader(statement.ExecuteReader(), () => GiveBack(connections, kept));
        }
        catch
        {
            // Whatever failed (a statement that cannot be prepared alone, say), the connection is not kept half-used.
            Interlocked.Decrement(ref connections.Opened);
            kept.Dispose();
            throw;
        }
    }

    private void GiveBack(Connections connections, KeptConnection kept)
    {
        if (_disposed)
        {
            kept.Dispose();
            return;
        }
        connections.Idle.Add(kept);
    }

    private static bool IsInMemory(string connectionString)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString);
        return settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:";
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var connections in _byDatabase.Values)
            while (connections.Idle.TryTake(out var kept)) kept.Dispose();
    }

    /// <summary>The kept statement's reader; closing it gives its connection back, its statement still prepared.</summary>
    private sealed class KeptReader(DbDataReader reader, Action giveBack) : DbDataReader
    {
        private Action? _giveBack = giveBack;

        public override void Close()
        {
            reader.Close();
            Interlocked.Exchange(ref _giveBack, null)?.Invoke();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Close();
            base.Dispose(disposing);
        }

        public override object this[int ordinal] => reader[ordinal];
        public override object this[string name] => reader[name];
        public override int Depth => reader.Depth;
        public override int FieldCount => reader.FieldCount;
        public override bool HasRows => reader.HasRows;
        public override bool IsClosed => reader.IsClosed;
        public override int RecordsAffected => reader.RecordsAffected;
        public override bool GetBoolean(int ordinal) => reader.GetBoolean(ordinal);
        public override byte GetByte(int ordinal) => reader.GetByte(ordinal);
        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => reader.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);
        public override char GetChar(int ordinal) => reader.GetChar(ordinal);
        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => reader.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);
        public override string GetDataTypeName(int ordinal) => reader.GetDataTypeName(ordinal);
        public override DateTime GetDateTime(int ordinal) => reader.GetDateTime(ordinal);
        public override decimal GetDecimal(int ordinal) => reader.GetDecimal(ordinal);
        public override double GetDouble(int ordinal) => reader.GetDouble(ordinal);
        public override Type GetFieldType(int ordinal) => reader.GetFieldType(ordinal);
        public override T GetFieldValue<T>(int ordinal) => reader.GetFieldValue<T>(ordinal);
        public override float GetFloat(int ordinal) => reader.GetFloat(ordinal);
        public override Guid GetGuid(int ordinal) => reader.GetGuid(ordinal);
        public override short GetInt16(int ordinal) => reader.GetInt16(ordinal);
        public override int GetInt32(int ordinal) => reader.GetInt32(ordinal);
        public override long GetInt64(int ordinal) => reader.GetInt64(ordinal);
        public override string GetName(int ordinal) => reader.GetName(ordinal);
        public override int GetOrdinal(string name) => reader.GetOrdinal(name);
        public override Stream GetStream(int ordinal) => reader.GetStream(ordinal);
        public override string GetString(int ordinal) => reader.GetString(ordinal);
        public override TextReader GetTextReader(int ordinal) => reader.GetTextReader(ordinal);
        public override object GetValue(int ordinal) => reader.GetValue(ordinal);
        public override int GetValues(object[] values) => reader.GetValues(values);
        public override bool IsDBNull(int ordinal) => reader.IsDBNull(ordinal);
        public override bool NextResult() => reader.NextResult();
        public override bool Read() => reader.Read();
        public override Task<bool> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);
        public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => reader.NextResultAsync(cancellationToken);
        public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => reader.IsDBNullAsync(ordinal, cancellationToken);
        public override DataTable? GetSchemaTable() => reader.GetSchemaTable();
        public override IEnumerator GetEnumerator() => ((IEnumerable)reader).GetEnumerator();
    }
}
