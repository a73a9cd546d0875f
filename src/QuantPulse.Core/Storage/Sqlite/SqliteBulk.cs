using System.Data.Common;
using Microsoft.Data.Sqlite;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>Bulk writes in SQLite: one prepared statement reused for every row of a transaction.</summary>
/// <remarks>SQLite runs statements synchronously, so the loops stay on one thread and check the token as they go.</remarks>
internal static class SqliteBulk
{
    public static int InsertNewCandles(DbConnection connection, DbTransaction transaction, IReadOnlyList<Candle> candles, CancellationToken cancellationToken)
    {
        using var command = Prepare(connection, transaction, SqliteSql.InsertCandle, "$symbol", "$timeframe", "$open_time", "$open", "$high", "$low", "$close", "$volume", "$ticks");
        var p = command.Parameters;
        var inserted = 0;
        foreach (var c in candles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            p[0].Value = c.Symbol;
            p[1].Value = c.Timeframe.Name;
            p[2].Value = SqliteValues.Time(c.OpenTime);
            p[3].Value = SqliteValues.Decimal(c.Open);
            p[4].Value = SqliteValues.Decimal(c.High);
            p[5].Value = SqliteValues.Decimal(c.Low);
            p[6].Value = SqliteValues.Decimal(c.Close);
            p[7].Value = SqliteValues.Decimal(c.Volume);
            p[8].Value = c.TickCount;
            inserted += command.ExecuteNonQuery();
        }

        return inserted;
    }

    public static int AppendTicks(DbConnection connection, DbTransaction transaction, ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken)
    {
        using var command = Prepare(connection, transaction, SqliteSql.InsertTick, "$symbol", "$time", "$price", "$size", "$source", "$seq");
        var p = command.Parameters;
        var span = ticks.Span;
        var sequence = new TickSequence();
        for (var i = 0; i < span.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var tick = ref span[i];
            p[0].Value = tick.Symbol;
            p[1].Value = SqliteValues.Time(tick.Time);
            p[2].Value = SqliteValues.Decimal(tick.Price);
            p[3].Value = SqliteValues.Decimal(tick.Size);
            p[4].Value = tick.Source;
            p[5].Value = sequence.Next(tick);
            command.ExecuteNonQuery();
        }

        return span.Length;
    }

    private static SqliteCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
#pragma warning disable CA2100 // Only the constant statements of SqliteSql reach here.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in names)
        {
            command.Parameters.Add(name, name is "$ticks" or "$seq" ? SqliteType.Integer : SqliteType.Text);
        }

        command.Prepare();
        return command;
    }
}
