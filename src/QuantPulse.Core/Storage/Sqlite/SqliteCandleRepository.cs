using System.Globalization;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The <c>candles</c> table in SQLite.</summary>
internal sealed class SqliteCandleRepository(SqliteConnectionFactory connections) : ICandleRepository
{
    private const string Columns = "symbol, timeframe, open_time, open, high, low, close, volume, ticks";

    // A closed candle never changes: a key already stored is skipped, never overwritten.
    private const string InsertSql = $"""
        INSERT OR IGNORE INTO candles ({Columns})
        VALUES ($symbol, $timeframe, $open_time, $open, $high, $low, $close, $volume, $ticks)
        """;

    private const string RangeSql = $"""
        SELECT {Columns} FROM candles
        WHERE symbol = @Symbol AND timeframe = @Timeframe AND open_time >= @From AND open_time < @To
        ORDER BY open_time
        """;

    private const string LatestSql = $"""
        SELECT {Columns} FROM candles
        WHERE symbol = @Symbol AND timeframe = @Timeframe
        ORDER BY open_time DESC
        LIMIT 1
        """;

    public async Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        foreach (var candle in candles)
        {
            StorageFormat.CheckStorable(candle);
        }

        if (candles.Count == 0)
        {
            return 0;
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertSql;
                var p = new SqliteParameter[9];
                string[] names = ["$symbol", "$timeframe", "$open_time", "$open", "$high", "$low", "$close", "$volume", "$ticks"];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i] = command.CreateParameter();
                    p[i].ParameterName = names[i];
                    command.Parameters.Add(p[i]);
                }

                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
                var inserted = 0;
                foreach (var c in candles)
                {
                    p[0].Value = c.Symbol;
                    p[1].Value = c.Timeframe.Name;
                    p[2].Value = SqliteValues.Time(c.OpenTime);
                    p[3].Value = SqliteValues.Decimal(c.Open);
                    p[4].Value = SqliteValues.Decimal(c.High);
                    p[5].Value = SqliteValues.Decimal(c.Low);
                    p[6].Value = SqliteValues.Decimal(c.Close);
                    p[7].Value = SqliteValues.Decimal(c.Volume);
                    p[8].Value = c.TickCount;
                    inserted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return inserted;
            }
        }
    }

    public Task<IReadOnlyList<Candle>> GetRangeAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        StorageFormat.CheckRange(from, to, nameof(to));
        return QueryAsync(
            RangeSql,
            new { Symbol = symbol, Timeframe = timeframe.Name, From = SqliteValues.Time(from), To = SqliteValues.Time(to) },
            cancellationToken);
    }

    public async Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var found = await QueryAsync(LatestSql, new { Symbol = symbol, Timeframe = timeframe.Name }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static Candle Read(DbDataReader r) => new(
        r.GetString(0),
        Timeframe.Parse(r.GetString(1), CultureInfo.InvariantCulture),
        SqliteValues.ParseTime(r.GetString(2)),
        SqliteValues.ParseDecimal(r.GetString(3)),
        SqliteValues.ParseDecimal(r.GetString(4)),
        SqliteValues.ParseDecimal(r.GetString(5)),
        SqliteValues.ParseDecimal(r.GetString(6)),
        SqliteValues.ParseDecimal(r.GetString(7)),
        r.GetInt32(8),
        IsClosed: true);

    private async Task<IReadOnlyList<Candle>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await DbRows.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
