using System.Text;
using LinqToDB.Data;
using LinqToDB.Mapping;
using Microsoft.Data.Sqlite;
using QuantPulse.Storage.Internal;
using SQLitePCL;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Inserts mapped rows (candles, signals, trades) whose key is not stored yet with <c>INSERT OR IGNORE</c>
/// statements prepared once per write on the caller's connection and transaction, values bound by position through
/// SQLite's C interface, as <see cref="SqliteTickWriter"/> does for ticks.
/// </summary>
/// <remarks>
/// The columns and their order come from the linq2db mapping; values are written as the mapping schema of
/// <see cref="SqliteConnectionFactory"/> writes them (instants and decimals as <see cref="SqliteValues"/> text,
/// doubles as REAL, integers as INTEGER), so a row stored here reads back as one stored by linq2db. linq2db's
/// multi-row bulk copy builds and binds a statement by parameter names per 32 rows; this binds by ordinal.
/// </remarks>
internal sealed class SqliteRowInserter : IRowInserter
{
    /// <summary>Rows per statement: at most 14 columns, 896 parameters, far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 64;

    /// <summary>Bytes of the reused text buffer: enough for any instant or decimal, and most strings.</summary>
    private const int BufferBytes = 256;

    public static SqliteRowInserter Instance { get; } = new();

    public async Task<int> InsertNewAsync<T>(DataConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var sqlite = (SqliteConnection)await connection.OpenDbConnectionAsync(cancellationToken).ConfigureAwait(false);
        var descriptor = connection.MappingSchema.GetEntityDescriptor(typeof(T));
        return new Writer(sqlite, descriptor).Insert(rows, cancellationToken);
    }

    /// <summary>One write: the statements of one table, prepared on one connection.</summary>
    private sealed class Writer(SqliteConnection connection, EntityDescriptor descriptor)
    {
        private readonly byte[] _buffer = new byte[BufferBytes];
        private readonly IReadOnlyList<ColumnDescriptor> _columns = descriptor.Columns;

        // SQLite runs statements synchronously, so the write stays on one thread and checks the token as it goes.
        public int Insert<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
            where T : class
        {
            var inserted = 0;
            var row = 0;
            if (rows.Count >= RowsPerStatement)
            {
                using var many = Prepare(RowsPerStatement);
                for (; row + RowsPerStatement <= rows.Count; row += RowsPerStatement)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (var i = 0; i < RowsPerStatement; i++)
                    {
                        Bind(many, i * _columns.Count, rows[row + i]);
                    }

                    inserted += Step(many);
                }
            }

            if (row < rows.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var one = Prepare(1);
                for (; row < rows.Count; row++)
                {
                    Bind(one, 0, rows[row]);
                    inserted += Step(one);
                }
            }

            return inserted;
        }

        private sqlite3_stmt Prepare(int rows)
        {
            var values = "(" + string.Join(",", Enumerable.Repeat("?", _columns.Count)) + ")";
            var sql = new StringBuilder("INSERT OR IGNORE INTO \"").Append(descriptor.Name.Name).Append("\" (")
                .AppendJoin(", ", _columns.Select(c => "\"" + c.ColumnName + "\""))
                .Append(") VALUES ")
                .AppendJoin(",", Enumerable.Repeat(values, rows));
            var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            return statement;
        }

        /// <summary>Binds one row to parameters <paramref name="offset"/> + 1 … (SQLite counts from 1).</summary>
        private void Bind(sqlite3_stmt statement, int offset, object row)
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                var index = offset + i + 1;
                var rc = _columns[i].MemberAccessor.GetValue(row) switch
                {
                    null => raw.sqlite3_bind_null(statement, index),
                    string text => SqliteBinding.Text(statement, index, text, _buffer),
                    DateTimeOffset time => raw.sqlite3_bind_text(statement, index, _buffer.AsSpan(0, SqliteValues.FormatTime(time, _buffer))),
                    decimal value => SqliteBinding.Decimal(statement, index, value, _buffer),
                    double value => raw.sqlite3_bind_double(statement, index, value),
                    int value => raw.sqlite3_bind_int64(statement, index, value),
                    long value => raw.sqlite3_bind_int64(statement, index, value),
                    var other => throw new InvalidOperationException(
                        $"Column {_columns[i].ColumnName} of {descriptor.Name.Name} holds a {other.GetType().Name}, which has no SQLite binding."),
                };
                Check(statement, rc);
            }
        }

        /// <summary>Runs the statement and resets it; returns how many rows it inserted.</summary>
        private int Step(sqlite3_stmt statement)
        {
            SqliteBinding.Step(statement, connection.Handle);
            return raw.sqlite3_changes(connection.Handle);
        }

        private void Check(sqlite3_stmt statement, int rc) => SqliteBinding.Check(statement, rc, connection.Handle);
    }
}
