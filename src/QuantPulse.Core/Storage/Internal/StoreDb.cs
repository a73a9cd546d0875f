using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using LinqToDB.Async;
using LinqToDB.Data;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// One database as the shared repository code sees it: plain SQL through the backend's ADO.NET connections for the
/// writes and the reads a back-test runs (<see cref="Sql"/>), linq2db for the other queries (<see cref="Open"/>).
/// </summary>
/// <param name="Open">Makes a linq2db connection with the backend's provider and mapping schema; it opens on first use.</param>
/// <param name="Sql">The backend's connections, value forms and bulk insert-if-absent.</param>
/// <param name="OrdinalIds">
/// Whether ids must be sorted with <c>COLLATE "C"</c> to sort by bytes (PostgreSQL); SQLite's default collation is binary.
/// </param>
internal sealed record StoreDb(Func<DataConnection> Open, SqlBackend Sql, bool OrdinalIds)
{
    /// <summary>Runs <paramref name="work"/> on a new connection inside one transaction, and commits.</summary>
    public Task<T> InTransactionAsync<T>(Func<SqlSession, Task<T>> work, CancellationToken cancellationToken) =>
        OnConnectionAsync(
            async connection =>
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var result = await work(new SqlSession(connection, transaction)).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
            },
            cancellationToken);

    /// <summary>Runs a plain SQL query on a new connection and maps each row.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        OnConnectionAsync<IReadOnlyList<T>>(
            async connection => await new SqlSession(connection, null).ListAsync(sql, map, cancellationToken, parameters).ConfigureAwait(false),
            cancellationToken);

    /// <summary>Runs a plain SQL query on a new connection and hands each row to <paramref name="row"/> as it arrives.</summary>
    /// <returns>How many rows the query returned.</returns>
    public Task<int> ReadEachAsync(
        string sql,
        Action<DbDataReader> row,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        OnConnectionAsync(connection => new SqlSession(connection, null).ReadEachAsync(sql, row, cancellationToken, parameters), cancellationToken);

    /// <summary>Runs a linq2db query on a new connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DataConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = Open();
        await using (db.ConfigureAwait(false))
        {
            return await query(db).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a linq2db query on a new connection and maps each row.</summary>
    /// <remarks>linq2db sets the row's mapped properties by reflection: they are kept in a trimmed build.</remarks>
    public Task<IReadOnlyList<TResult>> ListAsync<[DynamicallyAccessedMembers(MappedRow)] TRow, TResult>(
        Func<DataConnection, IQueryable<TRow>> query,
        Func<TRow, TResult> map,
        CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TResult>>(
            async db => [.. (await AsyncExtensions.ToListAsync(query(db), cancellationToken).ConfigureAwait(false)).Select(map)],
            cancellationToken);

    /// <summary>Runs a linq2db query for at most one row on a new connection.</summary>
    /// <remarks>linq2db sets the row's mapped properties by reflection: they are kept in a trimmed build.</remarks>
    public Task<TResult?> SingleAsync<[DynamicallyAccessedMembers(MappedRow)] TRow, TResult>(
        Func<DataConnection, IQueryable<TRow>> query,
        Func<TRow, TResult> map,
        CancellationToken cancellationToken)
        where TResult : class =>
        ReadAsync(
            async db => (await AsyncExtensions.ToListAsync(query(db).Take(1), cancellationToken).ConfigureAwait(false)) is [var row] ? map(row) : null,
            cancellationToken);

    /// <summary>
    /// Inserts the rows whose key is not stored yet, in the backend's bulk form, inside the session's transaction
    /// (see <see cref="SqlBackend.InsertNewAsync{T}"/>).
    /// </summary>
    /// <returns>How many rows were new.</returns>
    public Task<int> InsertNewAsync<T>(SqlSession session, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : IStoredRow<T> =>
        rows.Count == 0 ? Task.FromResult(0) : Sql.InsertNewAsync(session, rows, cancellationToken);

    // Opens one of the backend's connections for the work and closes it after.
    private async Task<T> OnConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = await Sql.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(connection).ConfigureAwait(false);
        }
    }

    /// <summary>What linq2db reaches of a mapped row type: its constructor and its column properties.</summary>
    private const DynamicallyAccessedMemberTypes MappedRow =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;
}
