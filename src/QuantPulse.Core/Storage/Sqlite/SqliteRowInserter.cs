using System.Text;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage.Internal;
using SQLitePCL;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Inserts stored rows (candles, signals, trades) whose key is not stored yet with <c>INSERT OR IGNORE</c>
/// statements prepared once per write on the caller's connection (inside its transaction), values bound by position
/// through SQLite's C interface, as <see cref="SqliteTickWriter"/> does for ticks.
/// </summary>
/// <remarks>
/// The columns and their order are the row's own (<see cref="IStoredRow{TSelf}"/>); values are written as the linq2db
/// mapping schema of <see cref="SqliteConnectionFactory"/> writes them (instants and decimals as
/// <see cref="SqliteValues"/> text, doubles as REAL, integers as INTEGER), so a row stored here reads back through
/// either path.
/// </remarks>
internal static class SqliteRowInserter
{
    /// <summary>Rows per statement: at most 14 columns, 896 parameters, far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 64;

    /// <summary>Bytes of the reused text buffer: enough for any instant or decimal, and most strings.</summary>
    private const int BufferBytes = 256;

    // SQLite runs statements synchronously, so the write stays on one thread and checks the token as it goes.
    public static int Insert<T>(SqliteConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : IStoredRow<T>
    {
        var binder = new Binder(connection);
        var columns = T.Table.Columns.Count;
        var inserted = 0;
        var row = 0;
        if (rows.Count >= RowsPerStatement)
        {
            using var many = Prepare(connection, T.Table, RowsPerStatement);
            for (; row + RowsPerStatement <= rows.Count; row += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < RowsPerStatement; i++)
                {
                    binder.Start(many, i * columns);
                    rows[row + i].WriteTo(binder);
                }

                inserted += Step(connection, many);
            }
        }

        if (row < rows.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var one = Prepare(connection, T.Table, 1);
            for (; row < rows.Count; row++)
            {
                binder.Start(one, 0);
                rows[row].WriteTo(binder);
                inserted += Step(connection, one);
            }
        }

        return inserted;
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, StoredTable table, int rows)
    {
        var values = "(" + string.Join(",", Enumerable.Repeat("?", table.Columns.Count)) + ")";
        var sql = new StringBuilder("INSERT OR IGNORE INTO \"").Append(table.Name).Append("\" (")
            .Append(table.ColumnList)
            .Append(") VALUES ")
            .AppendJoin(",", Enumerable.Repeat(values, rows));
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    /// <summary>Runs the statement and resets it; returns how many rows it inserted.</summary>
    private static int Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        SqliteBinding.Step(statement, connection.Handle);
        return raw.sqlite3_changes(connection.Handle);
    }

    /// <summary>Binds one row's values to the parameters after the row's offset (SQLite counts from 1).</summary>
    private sealed class Binder(SqliteConnection connection) : IColumnValues
    {
        private readonly byte[] _buffer = new byte[BufferBytes];
        private sqlite3_stmt _statement = null!;
        private int _index;

        public void Start(sqlite3_stmt statement, int offset) => (_statement, _index) = (statement, offset);

        public void Text(string? value) =>
            Check(value is null ? raw.sqlite3_bind_null(_statement, ++_index) : SqliteBinding.Text(_statement, ++_index, value, _buffer));

        public void Json(string value) => Text(value);

        public void Time(DateTimeOffset? value) =>
            Check(value is { } time
                ? raw.sqlite3_bind_text(_statement, ++_index, _buffer.AsSpan(0, SqliteValues.FormatTime(time, _buffer)))
                : raw.sqlite3_bind_null(_statement, ++_index));

        public void Decimal(decimal? value) =>
            Check(value is { } number ? SqliteBinding.Decimal(_statement, ++_index, number, _buffer) : raw.sqlite3_bind_null(_statement, ++_index));

        public void Double(double? value) =>
            Check(value is { } number ? raw.sqlite3_bind_double(_statement, ++_index, number) : raw.sqlite3_bind_null(_statement, ++_index));

        public void Integer(int value) => Check(raw.sqlite3_bind_int64(_statement, ++_index, value));

        private void Check(int rc) => SqliteBinding.Check(_statement, rc, connection.Handle);
    }
}
