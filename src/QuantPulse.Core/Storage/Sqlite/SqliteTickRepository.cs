using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>The <c>ticks</c> table in SQLite: one prepared statement reused for every row of a transaction.</summary>
internal sealed class SqliteTickRepository(SqliteConnectionFactory connections) : ITickRepository
{
    private const string InsertSql = "INSERT INTO ticks (symbol, time, price, size, source) VALUES ($symbol, $time, $price, $size, $source)";

    private const string RangeSql = """
        SELECT symbol, time, price, size, source FROM ticks
        WHERE symbol = @Symbol AND time >= @From AND time < @To
        ORDER BY time, rowid
        """;

    public async Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default)
    {
        if (ticks.IsEmpty)
        {
            return;
        }

        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Insert(connection, transaction, ticks.Span, cancellationToken);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
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

    // SQLite runs statements synchronously; the loop stays on one thread and checks the token between rows.
    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, ReadOnlySpan<Tick> ticks, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var symbol = command.Parameters.Add("$symbol", SqliteType.Text);
        var time = command.Parameters.Add("$time", SqliteType.Text);
        var price = command.Parameters.Add("$price", SqliteType.Text);
        var size = command.Parameters.Add("$size", SqliteType.Text);
        var source = command.Parameters.Add("$source", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < ticks.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var tick = ref ticks[i];
            symbol.Value = tick.Symbol;
            time.Value = SqliteValues.Time(tick.Time);
            price.Value = SqliteValues.Decimal(tick.Price);
            size.Value = SqliteValues.Decimal(tick.Size);
            source.Value = tick.Source;
            command.ExecuteNonQuery();
        }
    }

    private static Tick Read(DbDataReader r) => new(
        r.GetString(0),
        SqliteValues.ParseTime(r.GetString(1)),
        SqliteValues.ParseDecimal(r.GetString(2)),
        SqliteValues.ParseDecimal(r.GetString(3)),
        r.GetString(4));

    private async Task<IReadOnlyList<Tick>> QueryAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var parameters = new { Symbol = symbol, From = SqliteValues.Time(from), To = SqliteValues.Time(to) };
            return await DbRows.ReadAsync(connection, new CommandDefinition(RangeSql, parameters, cancellationToken: cancellationToken), Read).ConfigureAwait(false);
        }
    }
}
