using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>Stores and reads raw <see cref="Tick"/>s (table <c>ticks</c>), when tick storage is switched on.</summary>
/// <remarks>
/// Two equal ticks are two trades, so both are stored: a tick's key is its symbol, its stored time and its place
/// among the batch's ticks of that symbol at that instant, which makes saving the same batch again store nothing twice. Only
/// <see cref="Tick.Symbol"/>, <see cref="Tick.Time"/>, <see cref="Tick.Price"/>, <see cref="Tick.Size"/> and
/// <see cref="Tick.Source"/> are columns; bid, ask and aggressor side read back as unknown. Implementations are
/// thread-safe and write in bulk (binary COPY on PostgreSQL).
/// </remarks>
public interface ITickRepository
{
    /// <summary>
    /// Stores the ticks, in one transaction; on PostgreSQL a batch of 8,192 ticks or more is written as two halves at
    /// once, in two transactions, so a save that fails or is cancelled may have stored one of them. Saving the same
    /// batch again stores exactly the ticks still missing.
    /// </summary>
    /// <param name="ticks">The ticks.</param>
    /// <param name="cancellationToken">Aborts the write (the transaction, or each half's, rolls back unless committed).</param>
    /// <returns>A task that completes when the ticks are stored.</returns>
    Task SaveAsync(ReadOnlyMemory<Tick> ticks, CancellationToken cancellationToken = default);

    /// <summary>Reads the ticks of one symbol in <c>[from, to)</c>, by time; ticks with equal times come in no guaranteed order.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="from">The first instant included.</param>
    /// <param name="to">The first instant excluded.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The ticks.</returns>
    Task<IReadOnlyList<Tick>> GetRangeAsync(
        string symbol,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default);
}
