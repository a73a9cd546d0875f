using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>Stores and reads <see cref="Signal"/>s (table <c>signals</c>).</summary>
/// <remarks>
/// Signals are immutable: saving a signal whose id is already stored changes nothing, so a replay or a retried
/// write never duplicates one. <see cref="Signal.Timeframe"/> is not a column and reads back as <c>null</c>.
/// Times are stored to the microsecond (see <see cref="StorageTime"/>). Implementations are thread-safe.
/// </remarks>
public interface ISignalRepository
{
    /// <summary>Stores signals whose id is not stored yet, in one transaction.</summary>
    /// <param name="signals">The signals.</param>
    /// <param name="cancellationToken">Aborts the write (the transaction rolls back).</param>
    /// <returns>How many signals were new.</returns>
    Task<int> SaveAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default);

    /// <summary>Reads one signal.</summary>
    /// <param name="id">The signal id.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The signal, or <c>null</c> when no signal has that id.</returns>
    Task<Signal?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads the signals raised in <c>[from, to)</c>, oldest first (ties by id).</summary>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <param name="asset">Only this asset, or every asset when <c>null</c>.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The signals.</returns>
    Task<IReadOnlyList<Signal>> GetRangeAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        string? asset = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the signals <paramref name="filter"/> selects, newest first (ties by id, descending), one page: every
    /// part of the filter runs in the store's query.
    /// </summary>
    /// <param name="filter">Time range, asset, strategy, direction and page.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>At most <see cref="StoreFilter.Limit"/> signals, after skipping <see cref="StoreFilter.Offset"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The offset or limit is negative.</exception>
    /// <exception cref="ArgumentException">The range ends before it starts.</exception>
    Task<IReadOnlyList<Signal>> QueryAsync(SignalStoreFilter filter, CancellationToken cancellationToken = default);
}
