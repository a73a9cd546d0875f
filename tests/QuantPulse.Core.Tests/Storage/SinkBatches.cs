using QuantPulse.Model;
using static QuantPulse.Tests.Storage.StorageSamples;

namespace QuantPulse.Tests.Storage;

/// <summary>Builds <see cref="MarketBatch"/>es that carry things to store.</summary>
public static class SinkBatches
{
    /// <summary>A batch with one-minute candles number <paramref name="first"/> … <c>first + count − 1</c>.</summary>
    public static MarketBatch Candles(int first, int count, string symbol = "R_100") =>
        new(ReadOnlyMemory<Tick>.Empty, [.. Enumerable.Range(first, count).Select(i => new ClosedCandle(Candle(T0.AddMinutes(i), symbol), 0))]);

    public static MarketBatch Ticks(params Tick[] ticks) => new(ticks, []);

    public static MarketBatch Of(
        IEnumerable<Candle>? candles = null,
        IEnumerable<Signal>? signals = null,
        IEnumerable<(Trade Trade, TradeEventKind Kind)>? trades = null,
        Tick[]? ticks = null) =>
        new(
            ticks ?? ReadOnlyMemory<Tick>.Empty,
            [.. (candles ?? []).Select(c => new ClosedCandle(c, 0))],
            [.. (signals ?? []).Select(s => new RaisedSignal(s, 0))],
            [.. (trades ?? []).Select(t => new TradeEvent(t.Trade, t.Kind, 0))]);
}
