using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Postgres;

/// <summary>Bulk writes in PostgreSQL with binary <c>COPY</c>.</summary>
internal static class PostgresBulk
{
    public static async Task<int> InsertNewCandlesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(PostgresSql.StageCandles, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(PostgresSql.CopyCandles, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var c in candles)
            {
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Symbol, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Timeframe.Name, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(StorageTime.Truncate(c.OpenTime), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Open, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.High, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Low, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Close, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.Volume, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(c.TickCount, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return await connection.ExecuteAsync(new CommandDefinition(PostgresSql.MergeCandles, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Copies the ticks straight into <c>ticks</c>: one atomic statement that fails whole on a stored key.</summary>
    public static Task<int> AppendTicksAsync(DbConnection connection, ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken) =>
        CopyTicksAsync(connection, PostgresSql.CopyTicks, ticks, cancellationToken);

    /// <summary>Copies the ticks into a temporary table and inserts those whose key is not stored yet.</summary>
    public static async Task<int> InsertNewTicksAsync(DbConnection connection, DbTransaction transaction, ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(PostgresSql.StageTicks, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await CopyTicksAsync(connection, PostgresSql.CopyStagedTicks, ticks, cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(PostgresSql.MergeTicks, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task<int> CopyTicksAsync(DbConnection connection, string copy, ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken)
    {
        var sequence = new TickSequence();
        var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
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
                await writer.WriteAsync(sequence.Next(tick), NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return ticks.Length;
    }
}
