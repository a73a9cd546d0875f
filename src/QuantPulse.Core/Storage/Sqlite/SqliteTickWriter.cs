using System.Text;
using Microsoft.Data.Sqlite;
using QuantPulse.Model;
using QuantPulse.Storage.Internal;
using SQLitePCL;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Appends ticks to SQLite on a connection of its own, with two statements prepared once for the life of the store
/// (a 500-row and a one-row <c>INSERT OR IGNORE</c>) and values bound by ordinal straight from the ticks, one
/// transaction per batch.
/// </summary>
/// <remarks>
/// <para>
/// Values are bound through SQLite's C interface (SQLitePCLRaw, under Microsoft.Data.Sqlite): text is formatted
/// as UTF-8 into one reused buffer and bound with a copy, so a tick costs no allocation. linq2db's multi-row bulk
/// copy and a per-batch prepared <see cref="SqliteCommand"/> measured several times slower (see
/// <c>docs/benchmarks.md</c>); every other table uses linq2db.
/// </para>
/// <para>
/// A tick whose key (symbol, time, seq) is stored already comes from a batch written again: it is skipped. Writes
/// are serialised (SQLite has one writer at a time anyway); a failed or cancelled batch rolls back as a whole.
/// </para>
/// </remarks>
internal sealed class SqliteTickWriter(string connectionString) : IDisposable
{
    /// <summary>Rows per statement: 6 values each, 3,000 parameters, far below SQLite's limit of 32,766.</summary>
    private const int RowsPerStatement = 500;

    private const int Columns = 6;

    /// <summary>Bytes of the reused text buffer: enough for any symbol, source, instant or decimal in practice.</summary>
    private const int BufferBytes = 256;

    // Never disposed: without AvailableWaitHandle it holds nothing to release, and disposing it would strand a writer
    // still waiting when the store closes (it fails with ObjectDisposedException instead).
#pragma warning disable CA2213
    private readonly SemaphoreSlim _gate = new(1, 1);
#pragma warning restore CA2213
    private readonly byte[] _buffer = new byte[BufferBytes];
    private SqliteConnection? _connection;
    private sqlite3_stmt? _many;
    private sqlite3_stmt? _one;
    private bool _disposed;

    public async Task AppendAsync(TickKeys ticks, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Write(ticks, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _many?.Dispose();
            _one?.Dispose();
            _connection?.Dispose();
            (_many, _one, _connection) = (null, null, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    // SQLite runs statements synchronously, so the batch stays on one thread and checks the token as it goes.
    private void Write(TickKeys ticks, CancellationToken cancellationToken)
    {
        var connection = Open();
        using var transaction = connection.BeginTransaction();
        var span = ticks.Ticks.Span;
        var seq = ticks.Seq;
        var row = 0;
        for (; row + RowsPerStatement <= span.Length; row += RowsPerStatement)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < RowsPerStatement; i++)
            {
                Bind(_many!, i * Columns, span[row + i], seq[row + i]);
            }

            Step(_many!);
        }

        cancellationToken.ThrowIfCancellationRequested();
        for (; row < span.Length; row++)
        {
            Bind(_one!, 0, span[row], seq[row]);
            Step(_one!);
        }

        transaction.Commit();
    }

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                pragma.ExecuteNonQuery();
            }

            _many = Prepare(connection, RowsPerStatement);
            _one = Prepare(connection, 1);
            _connection = connection;
            return connection;
        }
        catch
        {
            _many?.Dispose();
            _one?.Dispose();
            (_many, _one) = (null, null);
            connection.Dispose();
            throw;
        }
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, int rows)
    {
        var sql = new StringBuilder("INSERT OR IGNORE INTO ticks (symbol, time, seq, price, size, source) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(?,?,?,?,?,?)" : ",(?,?,?,?,?,?)");
        }

        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    /// <summary>Binds one tick to parameters <paramref name="offset"/> + 1 … + 6 (SQLite counts from 1).</summary>
    private void Bind(sqlite3_stmt statement, int offset, in Tick tick, int seq)
    {
        BindText(statement, offset + 1, tick.Symbol);
        Check(statement, raw.sqlite3_bind_text(statement, offset + 2, _buffer.AsSpan(0, SqliteValues.FormatTime(tick.Time, _buffer))));
        Check(statement, raw.sqlite3_bind_int(statement, offset + 3, seq));
        BindDecimal(statement, offset + 4, tick.Price);
        BindDecimal(statement, offset + 5, tick.Size);
        BindText(statement, offset + 6, tick.Source);
    }

    private void BindDecimal(sqlite3_stmt statement, int index, decimal value) =>
        Check(statement, SqliteBinding.Decimal(statement, index, value, _buffer));

    private void BindText(sqlite3_stmt statement, int index, string text) =>
        Check(statement, SqliteBinding.Text(statement, index, text, _buffer));

    private void Step(sqlite3_stmt statement) => SqliteBinding.Step(statement, _connection!.Handle);

    private void Check(sqlite3_stmt statement, int rc) => SqliteBinding.Check(statement, rc, _connection!.Handle);
}
