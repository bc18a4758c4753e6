using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Core.Data;

namespace Storefront.Web.Performance;

/// <summary>
/// SQLite's counterpart of Npgsql's automatic preparation, for the statements tagged with <see cref="KeptStatement.Tag"/>:
/// each is prepared once on a connection kept open for it and run from there again, with the request's parameters.
/// SQLite's driver prepares every command afresh (it keeps no statement past its command, and EF makes a command per
/// query), and for a signed-in person's one statement of seats and stamps, a UNION ALL of seven, preparing was most of
/// the CPU of a whole kept page (issue 13: 0.285 ms a request with it, 0.106 without). A named statement
/// (<see cref="KeptStatement.Named"/>) can also be run without EF once EF has run it (<see cref="Run"/>): EF's own
/// connection, opened and closed around every query, was a sixth of a kept page after that. Only reads outside a
/// transaction are served this way: they see what every connection sees, the last committed state. A file's database
/// only (":memory:" is one database per connection).
/// </summary>
public sealed partial class SqliteKeptStatements(ILogger<SqliteKeptStatements>? logger = null) : DbCommandInterceptor, IDisposable
{
    // A connection is used by one reader at a time; as many are opened as readers run at once, up to this many.
    private static readonly int MostConnections = Math.Max(4, Environment.ProcessorCount * 4);

    private readonly ConcurrentDictionary<string, Connections> _byDatabase = new(StringComparer.Ordinal);
    private static readonly string NamedLine = "-- " + KeptStatement.Named("");

    // A named statement as EF wrote it, by its name: its text and its parameters' names.
    private readonly ConcurrentDictionary<string, (string Text, string[] Parameters)> _named = new(StringComparer.Ordinal);
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
        if (result.HasResult || _disposed || command is not SqliteCommand { Transaction: null, Connection: { } connection } asked
            || !asked.CommandText.StartsWith(KeptStatement.TagLine, StringComparison.Ordinal)
            || asked.CommandText.Length == KeptStatement.TagLine.Length || asked.CommandText[KeptStatement.TagLine.Length] is not ('\r' or '\n' or ':'))
        {
            return result;
        }
        var text = asked.CommandText;
        var parameters = asked.Parameters;
        var names = parameters.Cast<SqliteParameter>().Select(p => p.ParameterName);
        // "-- kept prepared: seats" names the statement "seats".
        var tagLine = text[..Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal))].TrimEnd('\r');
        if (tagLine.StartsWith(NamedLine, StringComparison.Ordinal) && tagLine[NamedLine.Length..] is var name && !_named.ContainsKey(name))
            _named.TryAdd(name, (text, [.. names]));
        var reader = Execute(connection.ConnectionString, text, names, asked.CommandTimeout, kept =>
        {
            foreach (SqliteParameter parameter in parameters)
            {
                var bound = kept[parameter.ParameterName];
                (bound.Value, bound.SqliteType, bound.Size) = (parameter.Value, parameter.SqliteType, parameter.Size);
            }
        });
        return reader is null ? result : InterceptionResult<DbDataReader>.SuppressWithResult(reader);
    }

    /// <summary>
    /// Runs the named statement as EF last wrote it, without EF, each parameter bound from <paramref name="values"/> by
    /// its query's name (EF numbers a name used twice: userId, userId0, ...). Null, for EF to run it, when EF has not
    /// run it yet, a parameter has no value, the database is in memory or the kept connections are all busy.
    /// </summary>
    public DbDataReader? Run(string connectionString, string name, IReadOnlyDictionary<string, object> values)
    {
        if (_disposed || !_named.TryGetValue(name, out var statement)) return null;
        var bound = new object[statement.Parameters.Length];
        for (var i = 0; i < bound.Length; i++)
            if (!values.TryGetValue(QueryName(statement.Parameters[i]), out bound[i]!)) return null;
        var reader = Execute(connectionString, statement.Text, statement.Parameters, null, kept =>
        {
            // New parameters, typed by their values: not as EF's command left them (EF sizes a string to its value, and
            // a size cuts a longer one). A prepared statement outlives its parameters.
            kept.Clear();
            for (var i = 0; i < bound.Length; i++) kept.Add(new SqliteParameter(statement.Parameters[i], bound[i]));
        });
        if (reader is not null) Executed(name, statement.Text);
        return reader;
    }

    [LoggerMessage(EventId = ExecutedEventId, Level = LogLevel.Information, Message = "Executed kept statement {Name}\n{Text}")]
    private static partial void LogExecuted(ILogger logger, string name, string text);

    /// <summary>The event logged (Information) for each statement run by <see cref="Run"/>, which EF does not log.</summary>
    public const int ExecutedEventId = 13_001;

    private void Executed(string name, string text)
    {
        if (logger is not null) LogExecuted(logger, name, text);
    }

    // "@userId2" is the query's userId.
    private static string QueryName(string parameter) => parameter.TrimStart('@', '$', ':').TrimEnd("0123456789".ToCharArray());

    private KeptReader? Execute(string connectionString, string text, IEnumerable<string> parameters, int? timeout, Action<SqliteParameterCollection> bind)
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
    private sealed class KeptReader(SqliteDataReader reader, Action giveBack) : DbDataReader
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
