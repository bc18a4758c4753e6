using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Storefront.Core.Data;

namespace Storefront.Load;

/// <summary>
/// Writes rows straight into the shop's tables, stored exactly as EF stores them (column names, value converters and
/// parameter types come from the model), at bulk speed: binary COPY through Npgsql on PostgreSQL, one prepared insert
/// in large transactions on SQLite. Rows name the entity's properties; a property left out takes the column's default.
/// </summary>
public sealed class BulkWriter(StorefrontDbContext db)
{
    private const int SqliteRowsPerTransaction = 50_000;

    public bool IsPostgreSql => db.Database.IsNpgsql();

    public async Task<long> WriteAsync<T>(string[] properties, IEnumerable<object?[]> rows, CancellationToken ct = default)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        // A required column that the rows leave out (one added to the model since this was written) gets the CLR
        // default, as an entity left at its defaults would.
        var filled = entity.GetProperties()
            .Where(p => !properties.Contains(p.Name) && !p.IsNullable && p.ValueGenerated == ValueGenerated.Never
                && p.FindAnnotation(RelationalAnnotationNames.DefaultValueSql) is null && p.FindAnnotation(RelationalAnnotationNames.DefaultValue) is null)
            .ToList();
        var defaults = filled.Select(p => p.ClrType == typeof(string) ? "" : Activator.CreateInstance(p.ClrType)).ToArray();
        var columns = properties.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped."))
            .Concat(filled)
            .Select(p => (Name: p.GetColumnName(StoreObjectIdentifier.Table(table, null))!, Mapping: p.GetRelationalTypeMapping()))
            .ToArray();
        var complete = defaults.Length == 0 ? rows : rows.Select(r => (object?[])[.. r, .. defaults]);
        var written = IsPostgreSql ? await CopyAsync(table, columns, complete, ct) : await InsertAsync(table, columns, complete, ct);
        if (IsPostgreSql && entity.FindPrimaryKey() is { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key] } && properties.Contains(key.Name))
        {
            // Ids were given, so the identity's sequence is moved past them for the rows the shop adds later.
            var column = key.GetColumnName(StoreObjectIdentifier.Table(table, null));
            var sql = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), (SELECT MAX(\"{column}\") FROM \"{table}\"))";
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        return written;
    }

    private static object? ToStore(RelationalTypeMapping mapping, object? value) =>
        value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    private async Task<long> CopyAsync(string table, (string Name, RelationalTypeMapping Mapping)[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({list}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < columns.Length; i++)
            {
                // Npgsql picks the wire type from the value (text for strings, timestamptz for UTC times, …).
                if (ToStore(columns[i].Mapping, row[i]) is { } value) await copy.WriteAsync(value, ct);
                else await copy.WriteNullAsync(ct);
            }
        }
        return (long)await copy.CompleteAsync(ct);
    }

    private async Task<long> InsertAsync(string table, (string Name, RelationalTypeMapping Mapping)[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        // Each parameter is made once by EF's own type mapping, so values are bound as EF binds them (GUIDs as text …).
        var parameters = columns.Select((c, i) => (DbParameter)c.Mapping.CreateParameter(command, $"$p{i}", null, nullable: true)).ToArray();
        foreach (var parameter in parameters) command.Parameters.Add(parameter);

        long written = 0;
        DbTransaction? transaction = null;
        try
        {
            foreach (var row in rows)
            {
                if (transaction is null)
                {
                    transaction = await connection.BeginTransactionAsync(ct);
                    command.Transaction = (SqliteTransaction)transaction;
                }
                for (var i = 0; i < columns.Length; i++) parameters[i].Value = ToStore(columns[i].Mapping, row[i]) ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
                if (++written % SqliteRowsPerTransaction == 0)
                {
                    await transaction.CommitAsync(ct);
                    await transaction.DisposeAsync();
                    transaction = null;
                }
            }
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
        return written;
    }
}
