using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>Stores and reads closed <see cref="Candle"/>s (table <c>candles</c>, keyed by symbol, timeframe and open time).</summary>
/// <remarks>
/// A closed candle never changes, so a candle whose key is already stored is skipped, never overwritten: a
/// restarted pipeline that closes the same candles again does not write them twice. Candles read back are
/// closed. Implementations are thread-safe.
/// </remarks>
public interface ICandleRepository
{
    /// <summary>Stores the candles whose key is not stored yet, in one transaction.</summary>
    /// <param name="candles">Closed candles.</param>
    /// <param name="cancellationToken">Aborts the write (the transaction rolls back).</param>
    /// <returns>How many candles were new.</returns>
    /// <exception cref="ArgumentException">A candle is not closed or has an invalid timeframe.</exception>
    Task<int> SaveAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the candles whose key is not stored yet, in one transaction, marked with where they came from (such as
    /// <see cref="CandleUpload.Source"/>); <see cref="SaveAsync(IReadOnlyList{Candle}, CancellationToken)"/> stores
    /// the pipeline's candles, which have no source of their own (their ticks have).
    /// </summary>
    /// <param name="candles">Closed candles.</param>
    /// <param name="source">Where they came from; null for candles closed by the pipeline.</param>
    /// <param name="cancellationToken">Aborts the write (the transaction rolls back).</param>
    /// <returns>How many candles were new.</returns>
    /// <exception cref="ArgumentException">A candle is not closed or has an invalid timeframe.</exception>
    Task<int> SaveAsync(IReadOnlyList<Candle> candles, string? source, CancellationToken cancellationToken = default);

    /// <summary>Reads the symbols that have at least one candle stored with <paramref name="source"/>, in ordinal order.</summary>
    /// <param name="source">The source, such as <see cref="CandleUpload.Source"/>.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The symbols.</returns>
    Task<IReadOnlyList<string>> GetSymbolsAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>Reads the candles of one series that open in <c>[from, to)</c>, oldest first.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="from">The first open time included.</param>
    /// <param name="to">The first open time excluded.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The candles.</returns>
    Task<IReadOnlyList<Candle>> GetRangeAsync(
        string symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken cancellationToken = default);

    /// <summary>Reads the newest stored candle of one series (where a restarted pipeline left off).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="timeframe">The timeframe.</param>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>The candle with the latest open time, or <c>null</c> when the series has none.</returns>
    Task<Candle?> GetLatestAsync(string symbol, Timeframe timeframe, CancellationToken cancellationToken = default);
}
