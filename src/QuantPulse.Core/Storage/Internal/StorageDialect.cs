using System.Data.Common;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// What the shared repository code needs to know about one database: how to open a connection, how domain
/// values become parameter values, and how column values become domain values.
/// </summary>
/// <param name="Open">Opens a pooled connection.</param>
/// <param name="TimeValue">The parameter value for an instant (already in its stored, truncated form).</param>
/// <param name="DecimalValue">The parameter value for an exact decimal.</param>
/// <param name="ReadTime">Reads an instant column.</param>
/// <param name="ReadDecimal">Reads an exact decimal column.</param>
internal sealed record StorageDialect(
    Func<CancellationToken, Task<DbConnection>> Open,
    Func<DateTimeOffset, object> TimeValue,
    Func<decimal, object> DecimalValue,
    Func<DbDataReader, int, DateTimeOffset> ReadTime,
    Func<DbDataReader, int, decimal> ReadDecimal)
{
    public object Time(DateTimeOffset time) => TimeValue(StorageTime.Truncate(time));

    public object? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    public object Decimal(decimal value) => DecimalValue(value);

    public object? Decimal(decimal? value) => value is { } v ? DecimalValue(v) : null;

    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    public decimal? ReadNullableDecimal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ReadDecimal(reader, ordinal);

    /// <summary>Runs <paramref name="work"/> on a new connection inside one transaction, and commits.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await Open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Runs a query on a new connection and maps each row.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = await Open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new Dapper.CommandDefinition(sql, parameters, cancellationToken: cancellationToken), map).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query that returns at most one row.</summary>
    public async Task<T?> QuerySingleAsync<T>(string sql, object parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var rows = await QueryAsync(sql, parameters, map, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
