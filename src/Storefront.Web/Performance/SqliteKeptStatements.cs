using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Core.Data;

namespace Storefront.Web.Performance;

/// <summary>
/// SQLite's counterpart of Npgsql's automatic preparation, for the statements tagged with <see cref="KeptStatement.Tag"/>: each is
/// prepared once on a connection kept open for it and run from there again, with the request's parameters. SQLite's
/// driver prepares every command afresh (it keeps no statement past its command, and EF makes a command per query),
/// and for a signed-in person's one statement of seats and stamps, a UNION ALL of seven, preparing was a third of the
/// CPU of a whole kept page (issue 13's profile). Only reads outside a transaction are served this way: they see
/// what every connection sees, the last committed state. A file's database only (":memory:" is one per connection).
/// </summary>
public sealed class SqliteKeptStatements : DbCommandInterceptor, IDisposable
{
    // A connection is used by one reader at a time; as many are opened as readers run at once, up to this many.
    private static readonly int MostConnections = Math.Max(4, Environment.ProcessorCount * 4);

    private readonly ConcurrentDictionary<string, Connections> _byDatabase = new(StringComparer.Ordinal);
    private bool _disposed;
    private int _prepared;

    /// <summary>How many statements were prepared to be kept, on all kept connections.</summary>
    public int Prepared => Volatile.Read(ref _prepared);

    private sealed class Connections
    {
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
        if (result.HasResult || _disposed || command is not SqliteCommand { Transaction: null } asked
            || !asked.CommandText.StartsWith(KeptStatement.TaggedText, StringComparison.Ordinal)
            || asked.Connection is not { } connection || IsInMemory(connection))
        {
            return result;
        }
        var connections = _byDatabase.GetOrAdd(connection.ConnectionString, _ => new Connections());
        if (!connections.Idle.TryTake(out var kept))
        {
            // As many as run at once: past that (a burst), the statement is prepared as any other.
            if (Interlocked.Increment(ref connections.Opened) > MostConnections)
            {
                Interlocked.Decrement(ref connections.Opened);
                return result;
            }
            var opened = new SqliteConnection(connection.ConnectionString);
            opened.Open();
            kept = new KeptConnection(opened);
        }
        try
        {
            if (!kept.Statements.TryGetValue(asked.CommandText, out var statement))
            {
                statement = kept.Connection.CreateCommand();
                statement.CommandText = asked.CommandText;
                foreach (SqliteParameter parameter in asked.Parameters) statement.Parameters.Add(Copy(parameter));
                statement.Prepare();
                Interlocked.Increment(ref _prepared);
                kept.Statements.Add(asked.CommandText, statement);
            }
            else
            {
                statement.Parameters.Clear();
                foreach (SqliteParameter parameter in asked.Parameters) statement.Parameters.Add(Copy(parameter));
            }
            statement.CommandTimeout = asked.CommandTimeout;
            return InterceptionResult<DbDataReader>.SuppressWithResult(new KeptReader(statement.ExecuteReader(), () => GiveBack(connections, kept)));
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

    private static SqliteParameter Copy(SqliteParameter parameter) => new(parameter.ParameterName, parameter.SqliteType)
    {
        Value = parameter.Value, Size = parameter.Size, Direction = parameter.Direction,
    };

    private static bool IsInMemory(SqliteConnection connection)
    {
        var settings = new SqliteConnectionStringBuilder(connection.ConnectionString);
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
