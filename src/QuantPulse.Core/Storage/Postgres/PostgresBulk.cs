using LinqToDB;
using LinqToDB.Data;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Bulk writes of candles, signals and trades in PostgreSQL: linq2db's provider-specific bulk copy, which is binary <c>COPY</c>.</summary>
/// <remarks>
/// <c>COPY</c> cannot skip a row whose key is stored already, so the rows are copied into a temporary table (dropped
/// at commit: one write per table and transaction) and inserted from there with <c>ON CONFLICT DO NOTHING</c>: the
/// two statements linq2db has no LINQ for. The column list is the linq2db mapping's.
/// </remarks>
internal sealed class PostgresBulk : IRowInserter
{
    public static PostgresBulk Instance { get; } = new();

    public async Task<int> InsertNewAsync<T>(DataConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var descriptor = connection.MappingSchema.GetEntityDescriptor(typeof(T));
        var name = descriptor.Name.Name;
        var incoming = name + "_incoming";
        var columns = string.Join(", ", descriptor.Columns.Select(c => "\"" + c.ColumnName + "\""));
        await connection.ExecuteAsync($"CREATE TEMPORARY TABLE {incoming} (LIKE {name}) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        await connection.GetTable<T>().TableName(incoming)
            .BulkCopyAsync(new BulkCopyOptions { BulkCopyType = BulkCopyType.ProviderSpecific }, rows, cancellationToken)
            .ConfigureAwait(false);
        return await connection.ExecuteAsync(
            $"INSERT INTO {name} ({columns}) SELECT {columns} FROM {incoming} ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
    }
}
