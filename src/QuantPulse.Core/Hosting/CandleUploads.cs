using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>
/// Stores checked uploads (<see cref="CandleUpload"/>) as closed candles, all or nothing: when any row is rejected —
/// by the row checks, or because the store already holds a candle with its symbol, timeframe and open time — nothing
/// is written; otherwise every row is written in one transaction.
/// </summary>
/// <remarks>
/// Uploaded candles are rows of the <c>candles</c> table with the source <see cref="CandleUpload.Source"/>, read by
/// the candle API, the CSV export and the analytics like the pipeline's own; <see cref="LoadAsync"/> reads back which
/// symbols were uploaded before the process started. Thread-safe: two uploads of overlapping rows at the same time cannot both store
/// a candle, since the store skips keys it already holds.
/// </remarks>
public sealed class CandleUploads
{
    private readonly IMarketStoreProvider _stores;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _symbols = new(StringComparer.Ordinal);

    /// <summary>Creates the service (normally resolved from dependency injection).</summary>
    /// <param name="stores">The store.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stores"/> is null.</exception>
    public CandleUploads(IMarketStoreProvider stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = stores;
    }

    /// <summary>Whether uploads can be stored (storage is enabled).</summary>
    public bool IsEnabled => _stores.IsEnabled;

    /// <summary>The uploaded symbols (stored before the start, once <see cref="LoadAsync"/> has run, and since), in symbol order.</summary>
    public IReadOnlyList<string> Symbols
    {
        get
        {
            lock (_gate)
            {
                return [.. _symbols.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Checks the batch against the store and, when no row is rejected, stores every row in one transaction.</summary>
    /// <param name="batch">The checked upload.</param>
    /// <param name="cancellationToken">Cancels the upload (nothing is stored).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Storage is disabled.</exception>
    public async Task<CandleUploadResult> StoreAsync(CandleUploadBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_stores.IsEnabled)
        {
            throw new InvalidOperationException("Storage is disabled (QuantPulse:Storage:Enabled): uploads cannot be stored.");
        }

        if (batch.Refusal is not null)
        {
            return new CandleUploadResult(0, batch.Rejected, batch.Errors, Stored: false);
        }

        var store = await _stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
        var stored = new List<CandleUploadError>();
        foreach (var series in batch.Accepted.GroupBy(r => (r.Candle.Symbol, r.Candle.Timeframe)))
        {
            var first = series.Min(r => r.Candle.OpenTime);
            var end = series.Max(r => r.Candle.OpenTime) + series.Key.Timeframe.Duration;
            var existing = (await store.Candles.GetRangeAsync(series.Key.Symbol, series.Key.Timeframe, first, end, cancellationToken).ConfigureAwait(false))
                .Select(c => c.OpenTime)
                .ToHashSet();
            stored.AddRange(series
                .Where(r => existing.Contains(r.Candle.OpenTime))
                .Select(r => new CandleUploadError(r.Row, $"already stored ({r.Candle.Symbol} {r.Candle.Timeframe} {r.Candle.OpenTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})")));
        }

        var rejected = batch.Rejected + stored.Count;
        if (rejected > 0)
        {
            var errors = batch.Errors.Concat(stored).OrderBy(e => e.Row).Take(CandleUpload.MaxListedErrors).ToList();
            return new CandleUploadResult(0, rejected, errors, Stored: false);
        }

        var candles = batch.Accepted.Select(r => r.Candle).ToList();
        if (candles.Count > 0)
        {
            await store.Candles.SaveAsync(candles, CandleUpload.Source, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _symbols.UnionWith(candles.Select(c => c.Symbol));
            }
        }

        return new CandleUploadResult(candles.Count, 0, [], Stored: candles.Count > 0);
    }

    /// <summary>
    /// Reads the symbols whose candles were uploaded before, so they stay known after a restart; nothing without
    /// storage.
    /// </summary>
    /// <param name="cancellationToken">Aborts the query.</param>
    /// <returns>How many uploaded symbols the store holds.</returns>
    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!_stores.IsEnabled)
        {
            return 0;
        }

        var store = await _stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
        var symbols = await store.Candles.GetSymbolsAsync(CandleUpload.Source, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _symbols.UnionWith(symbols);
        }

        return symbols.Count;
    }

    /// <summary>Whether <paramref name="symbol"/> has uploaded candles (see <see cref="Symbols"/>).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns>Whether it was.</returns>
    public bool WasUploaded(string symbol)
    {
        lock (_gate)
        {
            return _symbols.Contains(symbol);
        }
    }
}
