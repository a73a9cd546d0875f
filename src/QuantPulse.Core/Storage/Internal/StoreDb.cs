using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// One database as the shared repository code sees it: how to open a linq2db connection (the only place one is
/// made), how bulk copies run there, and the few ways the backends differ.
/// </summary>
/// <param name="Open">Makes a connection with the backend's provider and mapping schema; it opens on first use.</param>
/// <param name="Inserter">
/// How <see cref="InsertNewAsync{T}"/> writes: binary <c>COPY</c> through a temporary table on PostgreSQL, multi-row
/// <c>INSERT OR IGNORE</c> statements bound by position on SQLite.
/// </param>
/// <param name="OrdinalIds">
/// Whether ids must be sorted with <c>COLLATE "C"</c> to sort by bytes (PostgreSQL); SQLite's default collation is binary.
/// </param>
internal sealed record StoreDb(Func<DataConnection> Open, IRowInserter Inserter, bool OrdinalIds)
{
    /// <summary>Runs <paramref name="work"/> on a new connection inside one transaction, and commits.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DataConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = Open();
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(db).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Runs a query on a new connection.</summary>
    public async Task<T> ReadAsync<T>(Func<DataConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var db = Open();
        await using (db.ConfigureAwait(false))
        {
            return await query(db).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query on a new connection and maps each row to its domain value.</summary>
    public Task<IReadOnlyList<TResult>> ListAsync<TRow, TResult>(
        Func<DataConnection, IQueryable<TRow>> query,
        Func<TRow, TResult> map,
        CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TResult>>(
            async db => [.. (await AsyncExtensions.ToListAsync(query(db), cancellationToken).ConfigureAwait(false)).Select(map)],
            cancellationToken);

    /// <summary>Runs a query for at most one row on a new connection.</summary>
    public Task<TResult?> SingleAsync<TRow, TResult>(
        Func<DataConnection, IQueryable<TRow>> query,
        Func<TRow, TResult> map,
        CancellationToken cancellationToken)
        where TResult : class =>
        ReadAsync(
            async db => (await AsyncExtensions.ToListAsync(query(db).Take(1), cancellationToken).ConfigureAwait(false)) is [var row] ? map(row) : null,
            cancellationToken);

    /// <summary>
    /// Inserts the rows whose key is not stored yet, in the backend's bulk form, on <paramref name="connection"/>
    /// (inside the caller's transaction); a row whose key is stored already, or came earlier in
    /// <paramref name="rows"/>, is skipped, never overwritten.
    /// </summary>
    /// <returns>How many rows were new.</returns>
    public Task<int> InsertNewAsync<T>(DataConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class =>
        rows.Count == 0 ? Task.FromResult(0) : Inserter.InsertNewAsync(connection, rows, cancellationToken);
}

/// <summary>A backend's bulk insert-if-absent of mapped rows (see <see cref="StoreDb.InsertNewAsync{T}"/>).</summary>
internal interface IRowInserter
{
    /// <summary>Inserts the rows whose key is not stored yet on the connection, inside its transaction; returns how many were new.</summary>
    Task<int> InsertNewAsync<T>(DataConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class;
}
