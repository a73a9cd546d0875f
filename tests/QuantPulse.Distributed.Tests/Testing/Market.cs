using System.Text.Json;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Signals;
using QuantPulse.Simulation;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>The simulated market the scale-out tests run, the pipeline they run it through, and the stored result.</summary>
public static class Market
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly Timeframe[] Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes];

    /// <summary>Simulated ticks (labelled simulated) for <paramref name="symbols"/> symbols, in time order.</summary>
    public static async Task<List<Tick>> TicksAsync(int symbols, int ticksPerSymbol, TimeSpan? tickInterval = null)
    {
        var source = new SimulatedMarketSource(new SimulatedSourceOptions
        {
            Symbols = [.. Enumerable.Range(0, symbols).Select(i => $"SIM_{i:D3}")],
            Seed = 42,
            TicksPerSymbol = ticksPerSymbol,
            TickInterval = tickInterval ?? TimeSpan.FromSeconds(3),
            StartTime = Start,
            Volatility = 2.0,
            Pacing = TickPacing.AsFastAsPossible,
        });
        var ticks = new List<Tick>();
        await foreach (var tick in source.ReadAsync())
        {
            ticks.Add(tick);
        }

        return ticks;
    }

    /// <summary>The pipeline every run uses: candles closed by ticks only, UT Bot signals, simulated trades.</summary>
    public static MarketPipelineBuilder Pipeline(ITickSource source) => new MarketPipelineBuilder(source)
        .WithOptions(new MarketPipelineOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(20), MaxBatchSize = 256 })
        .WithCandles(new CandleBlockOptions { Timeframes = Timeframes })
        .WithStrategy(StrategySpec.UtBot(new UtBotOptions { AtrPeriod = 5 }), new SignalBlockOptions { RiskReward = new RiskRewardOptions { AtrPeriod = 5, MinRiskReward = 1 } })
        .WithSimulator(new SimulatorOptions { MaxOpenTradesPerAsset = 2, Expiry = TimeSpan.FromMinutes(20) });

    /// <summary>Runs <paramref name="ticks"/> through <see cref="Pipeline"/> in one process, stored by Core's sink.</summary>
    public static async Task RunSingleProcessAsync(IReadOnlyList<Tick> ticks, IMarketStore store)
    {
        var sink = new SinkBlock(store);
        await Pipeline(new ListTickSource(ticks)).WithSink(sink).Build().RunAsync();
    }

    public static string Describe(Candle c) =>
        FormattableString.Invariant($"{c.Symbol} {c.Timeframe} {c.OpenTime:O} {c.Open} {c.High} {c.Low} {c.Close} {c.Volume} {c.TickCount} {c.IsClosed}");

    public static string Describe(Signal s) => JsonSerializer.Serialize(s with { Confirmations = [.. s.Confirmations] });

    public static string Describe(Trade t) => JsonSerializer.Serialize(t);

    /// <summary>What an event must carry of a signal: its id, direction and levels.</summary>
    public static string Key(Signal s) => FormattableString.Invariant($"{s.Id} {s.Type} {s.Entry} {s.StopLoss} {s.TakeProfit}");

    /// <summary>What an event must carry of a closed trade: its id, result, close price and time.</summary>
    public static string Key(Trade t) => FormattableString.Invariant($"{t.Id} {t.Result} {t.ClosePrice} {t.CloseTime:O}");

    /// <summary>The reference stored candles, signals and trades (none of them empty) and the run under test stored the same.</summary>
    public static void AssertSameStored(Stored expected, Stored actual)
    {
        Assert.NotEmpty(expected.Candles);
        Assert.NotEmpty(expected.Signals);
        Assert.NotEmpty(expected.Trades);

        // The first few differences, readable, before the full comparison.
        Assert.Equal(string.Join('\n', expected.Candles.Except(actual.Candles).Take(5)), string.Join('\n', actual.Candles.Except(expected.Candles).Take(5)));
        Assert.Equal(expected.Candles, actual.Candles);
        Assert.Equal(expected.Signals, actual.Signals);
        Assert.Equal(expected.Trades, actual.Trades);
    }

    /// <summary>Every stored candle, signal and trade, as comparable text lines in a fixed order.</summary>
    public static async Task<Stored> ReadAsync(IMarketStore store, IEnumerable<string> symbols)
    {
        var from = Start.AddDays(-1);
        var to = Start.AddDays(2);
        var candles = new List<string>();
        foreach (var symbol in symbols.Order(StringComparer.Ordinal))
        {
            foreach (var timeframe in Timeframes)
            {
                candles.AddRange((await store.Candles.GetRangeAsync(symbol, timeframe, from, to)).Select(Describe));
            }
        }

        var signals = await store.Signals.GetRangeAsync(from, to);
        var trades = await store.Trades.GetRangeAsync(from, to);
        return new Stored(
            candles,
            [.. signals.Select(Describe).Order(StringComparer.Ordinal)],
            [.. trades.Select(Describe).Order(StringComparer.Ordinal)],
            [.. signals.Select(Key)],
            [.. trades.Where(t => !t.IsOpen).Select(Key)]);
    }
}

public sealed record Stored(List<string> Candles, List<string> Signals, List<string> Trades, List<string> SignalKeys, List<string> TradeKeys);
