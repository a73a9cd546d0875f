using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>
/// PostgreSQL for the plain-SQL paths: the store's Npgsql data source, instants as <c>timestamptz</c> and decimals as
/// <c>numeric</c> (both as Npgsql sends them), ids ordered with <c>COLLATE "C"</c>, bulk writes by binary <c>COPY</c>.
/// </summary>
/// <remarks>
/// <c>COPY</c> cannot skip a row whose key is stored already, so the rows are copied into a temporary table (dropped
/// at commit: one write per table and transaction) and inserted from there with <c>ON CONFLICT DO NOTHING</c>. Each
/// value is written typed by the row itself (<see cref="IStoredRow{TSelf}"/>); the importer buffers the rows and
/// sends a full buffer as it fills.
/// </remarks>
internal sealed class PostgresBackend(NpgsqlDataSource dataSource) : SqlBackend
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task<int> InsertNewAsync<T>(SqlSession session, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var (name, columns) = (T.Table.Name, T.Table.ColumnList);
        var incoming = name + "_incoming";
        await session.ExecuteAsync($"CREATE TEMPORARY TABLE {incoming} (LIKE {name}) ON COMMIT DROP", cancellationToken).ConfigureAwait(false);
        var importer = await ((NpgsqlConnection)session.Connection)
            .BeginBinaryImportAsync($"COPY {incoming} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            var values = new CopyValues(importer);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                row.WriteTo(values);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return await session.ExecuteAsync(
            $"INSERT INTO {name} ({columns}) SELECT {columns} FROM {incoming} ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
    }

    public override object Time(DateTimeOffset value) => StorageTime.Truncate(value);

    public override object Decimal(decimal value) => value;

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override decimal GetDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override string Ordinal(string column) => column + " COLLATE \"C\"";

    /// <summary>One row's values into the importer, each with its column's type.</summary>
    private sealed class CopyValues(NpgsqlBinaryImporter importer) : IColumnValues
    {
        public void Text(string? value) => Write(value is null, value!, NpgsqlDbType.Text);

        public void Json(string value) => importer.Write(value, NpgsqlDbType.Jsonb);

        public void Time(DateTimeOffset? value) =>
            Write(value is null, StorageTime.Truncate(value.GetValueOrDefault()), NpgsqlDbType.TimestampTz);

        public void Decimal(decimal? value) => Write(value is null, value.GetValueOrDefault(), NpgsqlDbType.Numeric);

        public void Double(double? value) => Write(value is null, value.GetValueOrDefault(), NpgsqlDbType.Double);

        public void Integer(int value) => importer.Write(value, NpgsqlDbType.Integer);

        private void Write<TValue>(bool isNull, TValue value, NpgsqlDbType type)
        {
            if (isNull)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, type);
            }
        }
    }
}
