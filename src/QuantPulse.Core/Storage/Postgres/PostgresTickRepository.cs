using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>The <c>ticks</c> table in PostgreSQL, written with binary COPY (one atomic statement per call).</summary>
internal sealed class PostgresTickRepository(NpgsqlDataSource dataSource) : ITickRepository
{
    private const string CopySql = "COPY ticks (symbol, \"time\", price, size, source) FROM STDIN (FORMAT BINARY)";

    private const string RangeSql = """
        SELECT symbol, "time", price, size, source FROM ticks
        WHERE symbol = @Symbol AND "time" >= @From AND "time" < @To
        ORDER BY "time"
        """;

    public async Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default)
    {
        if (ticks.IsEmpty)
        {
            return;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var writer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                for (var i = 0; i < ticks.Length; i++)
                {
                    var tick = ticks.Span[i];
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(tick.Symbol, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(StorageTime.Truncate(tick.Time), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(tick.Price, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(tick.Size, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(tick.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task<IReadOnlyList<Tick>> GetRangeAsync(
        string symbol,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        return QueryAsync(symbol, from, to, cancellationToken);
    }

    private static Tick Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetFieldValue<DateTimeOffset>(1),
        r.GetDecimal(2),
        r.GetDecimal(3),
        r.GetString(4));

    private async Task<IReadOnlyList<Tick>> QueryAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var parameters = new { Symbol = symbol, From = StorageTime.Truncate(from), To = StorageTime.Truncate(to) };
            return await DbRows.ReadAsync(connection, new CommandDefinition(RangeSql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
