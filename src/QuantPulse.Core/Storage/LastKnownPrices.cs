using QuantPulse.Model;

namespace QuantPulse.Storage;

/// <summary>Where each symbol's market left off in storage: the price and time of its newest stored observation.</summary>
/// <remarks>
/// The newest observation is the latest of: the close of the newest stored candle (of any of the given
/// timeframes, timed at the candle's end), the stored ticks after that candle's start, and the entries and closes of
/// the trades opened since then. A symbol with no stored candle has no last known price.
/// </remarks>
internal static class LastKnownPrices
{
    /// <summary>Reads the last known price of each symbol that has one, as a tick tagged with <paramref name="source"/>.</summary>
    public static async Task<IReadOnlyList<Tick>> ReadAsync(
        IMarketStore store,
        IReadOnlyList<string> symbols,
        IReadOnlyList<Timeframe> timeframes,
        string source,
        CancellationToken cancellationToken)
    {
        var result = new List<Tick>();
        foreach (var symbol in symbols)
        {
            Candle? newest = null;
            foreach (var timeframe in timeframes)
            {
                var candle = await store.Candles.GetLatestAsync(symbol, timeframe, cancellationToken).ConfigureAwait(false);
                if (candle is not null && (newest is null || candle.OpenTime + candle.Timeframe.Duration > newest.OpenTime + newest.Timeframe.Duration))
                {
                    newest = candle;
                }
            }

            if (newest is null)
            {
                continue;
            }

            var last = (Time: newest.OpenTime + newest.Timeframe.Duration, Price: newest.Close);
            var since = newest.OpenTime;
            foreach (var tick in await store.Ticks.GetRangeAsync(symbol, since, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                last = Later(last, (tick.Time, tick.Price));
            }

            foreach (var trade in await store.Trades.GetRangeAsync(since, DateTimeOffset.MaxValue, symbol, cancellationToken).ConfigureAwait(false))
            {
                last = Later(last, (trade.OpenTime, trade.EntryPrice));
                if (trade is { CloseTime: { } closed, ClosePrice: { } price })
                {
                    last = Later(last, (closed, price));
                }
            }

            result.Add(new Tick(symbol, last.Time, last.Price, 0m, source));
        }

        return result;
    }

    private static (DateTimeOffset Time, decimal Price) Later((DateTimeOffset Time, decimal Price) a, (DateTimeOffset Time, decimal Price) b) =>
        b.Time > a.Time ? b : a;
}
