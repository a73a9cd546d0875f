using System.Globalization;
using System.Text;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage.Internal;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Appends ticks to SQLite with one prepared multi-row <c>INSERT OR IGNORE</c> reused for the whole batch, on the
/// connection and transaction of a linq2db <see cref="DataConnection"/>.
/// </summary>
/// <remarks>
/// linq2db's multi-row bulk copy builds and parses a new statement for every chunk and boxes every value, which
/// measured several times slower than this for the <c>ticks</c> table (see <c>docs/storage.md</c>); the other
/// tables use linq2db's bulk copy. A tick whose key (symbol, time, seq) is stored already comes from a batch written
/// again: it is skipped.
/// </remarks>
internal static class SqliteTickWriter
{
    /// <summary>Rows per statement: 6 values each, 600 parameters, far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 100;

    private const int Columns = 6;

    public static async Task<int> AppendAsync(DataConnection db, IReadOnlyList<TickRow> rows, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await db.OpenDbConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Write(connection, (SqliteTransaction?)db.Transaction, rows, cancellationToken);
    }

    // SQLite runs statements synchronously, so the loop stays on one thread and checks the token as it goes.
    private static int Write(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<TickRow> rows, CancellationToken cancellationToken)
    {
        var full = rows.Count / RowsPerStatement;
        if (full > 0)
        {
            using var command = Prepare(connection, transaction, RowsPerStatement);
            for (var chunk = 0; chunk < full; chunk++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Bind(command, rows, chunk * RowsPerStatement, RowsPerStatement);
                command.ExecuteNonQuery();
            }
        }

        var rest = rows.Count - (full * RowsPerStatement);
        if (rest > 0)
        {
            using var command = Prepare(connection, transaction, rest);
            Bind(command, rows, full * RowsPerStatement, rest);
            command.ExecuteNonQuery();
        }

        return rows.Count;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, int count)
    {
        var sql = new StringBuilder("INSERT OR IGNORE INTO ticks (symbol, time, seq, price, size, source) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var row = 0; row < count; row++)
        {
            sql.Append(row == 0 ? "(" : ",(");
            for (var column = 0; column < Columns; column++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$p{(row * Columns) + column}");
                sql.Append(column == 0 ? string.Empty : ",").Append(name);
                command.Parameters.Add(name, column == 2 ? SqliteType.Integer : SqliteType.Text);
            }

            sql.Append(')');
        }

#pragma warning disable CA2100 // The statement is built here from constant column names and numbered parameters only.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyList<TickRow> rows, int first, int count)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < count; i++)
        {
            var row = rows[first + i];
            var p = i * Columns;
            parameters[p].Value = row.Symbol;
            parameters[p + 1].Value = SqliteValues.Time(row.Time);
            parameters[p + 2].Value = row.Seq;
            parameters[p + 3].Value = SqliteValues.Decimal(row.Price);
            parameters[p + 4].Value = SqliteValues.Decimal(row.Size);
            parameters[p + 5].Value = row.Source;
        }
    }
}
