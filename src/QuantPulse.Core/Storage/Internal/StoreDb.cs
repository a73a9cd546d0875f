using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace QuantPulse.Storage.Internal;

/// <summary>
/// One database as the shared repository code sees it: how to open a linq2db connection (the only place one is
/// made), how bulk copies run there, and the few ways the backends differ.
/// </summary>
/// <param name="Open">Makes a connection with the backend's provider and mapping schema; it opens on first use.</param>
/// <param name="BulkCopyType">
/// How <see cref="BulkCopyAsync{T}"/> writes: binary <c>COPY</c> on PostgreSQL, multi-row <c>INSERT</c> on SQLite.
/// </param>
/// <param name="OrdinalIds">
/// Whether ids must be sorted with <c>COLLATE "C"</c> to sort by bytes (PostgreSQL); SQLite's default collation is binary.
/// </param>
internal sealed record StoreDb(Func<DataConnection> Open, BulkCopyType BulkCopyType, bool OrdinalIds)
{
    /// <summary>
    /// Rows per statement of a multi-row insert. SQLite finds each bound parameter by its name in a list (one string
    /// comparison per parameter before it), so binding costs grow with the square of the parameters in a statement:
    /// at 160 rows of candles this took about a tenth of a back-test's CPU; 32 rows keep statements few and cheap.
    /// </summary>
    private const int RowsPerStatement = 32;

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
    /// Copies <paramref name="rows"/> into <paramref name="table"/> in the backend's bulk form. With
    /// <paramref name="skipStoredKeys"/> (multi-row inserts only) a row whose key is stored already is skipped.
    /// </summary>
    /// <returns>How many rows were written.</returns>
    public async Task<long> BulkCopyAsync<T>(ITable<T> table, IEnumerable<T> rows, bool skipStoredKeys, CancellationToken cancellationToken)
        where T : notnull
    {
        var options = new BulkCopyOptions
        {
            BulkCopyType = BulkCopyType,
            MaxBatchSize = BulkCopyType == BulkCopyType.MultipleRows ? RowsPerStatement : null,
            UseParameters = true,
            ConflictAction = skipStoredKeys ? ConflictAction.Ignore : ConflictAction.Default,
        };
        var copied = await table.BulkCopyAsync(options, rows, cancellationToken).ConfigureAwait(false);
        return copied.RowsCopied;
    }
}
