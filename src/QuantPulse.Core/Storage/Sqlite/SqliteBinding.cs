using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace QuantPulse.Storage.Sqlite;

/// <summary>
/// Values bound by position to a prepared statement through SQLite's C interface, text formatted as UTF-8 into the
/// caller's reused buffer (bound with a copy); shared by the tick writer and the row inserter.
/// </summary>
internal static class SqliteBinding
{
    /// <summary>Binds <paramref name="value"/> as its invariant text; a decimal always fits in 32 bytes.</summary>
    public static int Decimal(sqlite3_stmt statement, int index, decimal value, byte[] buffer)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
    }

    /// <summary>Binds <paramref name="text"/> as UTF-8, through <paramref name="buffer"/> when it fits, else a rented one.</summary>
    public static int Text(sqlite3_stmt statement, int index, string text, byte[] buffer)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length)
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, written));
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return raw.sqlite3_bind_text(statement, index, rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Runs the statement and resets it for the next rows; a failure throws the connection's error.</summary>
    public static void Step(sqlite3_stmt statement, sqlite3? connection)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
        }
    }

    /// <summary>Throws the connection's error (after resetting the statement) when a bind failed.</summary>
    public static void Check(sqlite3_stmt statement, int rc, sqlite3? connection)
    {
        if (rc != raw.SQLITE_OK)
        {
            raw.sqlite3_reset(statement);
            SqliteException.ThrowExceptionForRC(rc, connection);
        }
    }
}
