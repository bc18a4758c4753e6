using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Storefront.Core.Data;

/// <summary>
/// Inserts many rows of one entity around the change tracker. For the hundreds of rows one request writes at once (a
/// 200-line order's lines and its listings' sync jobs): the change tracker would snapshot each, insert them in batches
/// and read every id back, which costs more than the database's own work. Columns, value converters and parameter types
/// come from the model, so rows are stored exactly as EF stores them. Generated ids are not read back and the entities
/// stay untracked: use it only for rows the unit of work does not change again. The rows go in the context's current
/// transaction, if any.
/// </summary>
public static class BulkInserts
{
    /// <summary>Rows per round trip where the driver batches commands (PostgreSQL).</summary>
    private const int RowsPerBatch = 1_000;

    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class
    {
        // The ledger's monthly totals are kept by the change tracker's interceptor: a ledger row written around it
        // would count in the entries and not in the totals, so ledger rows go through QuotaLedger only.
        if (typeof(T).IsAssignableTo(typeof(Quotas.QuotaEntry)))
            throw new InvalidOperationException($"{typeof(T).Name} rows are quota ledger entries: append them through QuotaLedger, never in bulk.");
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            // A shadow property has no value on the entity, and a generated one (a default, a row version) is the
            // database's to set: both would need what EF does on a save, so such an entity is not for this insert.
            .Select(p => p.IsShadowProperty() || p.ValueGenerated != ValueGenerated.Never
                ? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is shadow or generated: insert {typeof(T).Name} through the change tracker.")
                : (Property: p, Getter: p.GetGetter(), Mapping: p.GetRelationalTypeMapping()))
            .ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        // One row a statement, the same text every time: a multi-row VALUES list would need thousands of named
        // parameters, which both drivers bind at a cost growing with the square of their number.
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder($"p{i}")))})";

        // The mapping makes each parameter as EF makes it: value converter, DbType, UTC times …
        void Bind(DbParameterCollection parameters, DbCommand factory, T row)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var (property, getter, mapping) = columns[i];
                parameters.Add(mapping.CreateParameter(factory, $"p{i}", getter.GetClrValue(row), property.IsNullable));
            }
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var timeout = db.Database.GetCommandTimeout();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (connection.CanCreateBatch)
            {
                // PostgreSQL: the rows' statements travel together, a thousand to a round trip.
                foreach (var chunk in rows.Chunk(RowsPerBatch))
                {
                    await using var batch = connection.CreateBatch();
                    batch.Transaction = transaction;
                    if (timeout is { } seconds) batch.Timeout = seconds;
                    await using var factory = connection.CreateCommand();
                    foreach (var row in chunk)
                    {
                        var command = batch.CreateBatchCommand();
                        command.CommandText = insert;
                        Bind(command.Parameters, factory, row);
                        batch.BatchCommands.Add(command);
                    }
                    await batch.ExecuteNonQueryAsync(ct);
                }
            }
            else
            {
                // SQLite, in process: one prepared statement run for each row costs microseconds.
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                if (timeout is { } seconds) command.CommandTimeout = seconds;
                command.CommandText = insert;
                foreach (var row in rows)
                {
                    command.Parameters.Clear();
                    Bind(command.Parameters, command, row);
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
