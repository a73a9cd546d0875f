using System.Data.Common;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// A backend as the plain-SQL paths see it: ADO.NET connections, the stored form of instants and decimals, and its
/// bulk insert-if-absent. The statements a back-test or a recording sink runs (the run row, the bulk writes, the
/// open-trade ids, the range reads) go through here rather than linq2db, so they build no expression trees and
/// compile no code at run time: they behave the same in a trimmed, ahead-of-time compiled executable.
/// </summary>
internal abstract class SqlBackend
{
    /// <summary>Opens a pooled connection, set up the backend's way; the caller disposes it.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the rows whose key is not stored yet, in the backend's bulk form, inside the session's transaction; a
    /// row whose key is stored already, or came earlier in <paramref name="rows"/>, is skipped, never overwritten.
    /// </summary>
    /// <returns>How many rows were new.</returns>
    public abstract Task<int> InsertNewAsync<T>(SqlSession session, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : IStoredRow<T>;

    /// <summary>An instant as a parameter value of the backend's time columns.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>A decimal as a parameter value of the backend's decimal columns.</summary>
    public abstract object Decimal(decimal value);

    /// <summary>Reads a time column.</summary>
    public abstract DateTimeOffset GetTime(DbDataReader reader, int ordinal);

    /// <summary>Reads a decimal column.</summary>
    public abstract decimal GetDecimal(DbDataReader reader, int ordinal);

    /// <summary>A text column as an <c>ORDER BY</c> term that sorts by bytes.</summary>
    public abstract string Ordinal(string column);

    /// <summary>Reads a nullable time column.</summary>
    public DateTimeOffset? GetNullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : GetTime(reader, ordinal);

    /// <summary>Reads a nullable decimal column.</summary>
    public decimal? GetNullableDecimal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : GetDecimal(reader, ordinal);
}

/// <summary>One ADO.NET connection, inside a transaction or not, with its commands.</summary>
internal sealed class SqlSession(DbConnection connection, DbTransaction? transaction)
{
    public DbConnection Connection => connection;

    /// <summary>A command on this session's connection and transaction; <c>null</c> values are sent as SQL NULL.</summary>
    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The statements are this assembly's constants and table and column names; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query for one integer.</summary>
    public async Task<long> Int64Async(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<List<T>> ListAsync<T>(
        string sql,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        await ReadEachAsync(sql, reader => rows.Add(map(reader)), cancellationToken, parameters).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Runs a query and hands each row to <paramref name="row"/> as it arrives.</summary>
    /// <returns>How many rows the query returned.</returns>
    public async Task<int> ReadEachAsync(
        string sql,
        Action<DbDataReader> row,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    row(reader);
                    rows++;
                }

                return rows;
            }
        }
    }
}
