using System.Threading.Tasks.Dataflow;
using BenchmarkDotNet.Attributes;
using QuantPulse.Candles;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Ticks per second through the candle stage with three timeframes (1m, 5m, 1h), from memory and from CSV.
/// Each operation is one tick: the reported mean is the time per tick.
/// </summary>
[MemoryDiagnoser]
public class CandleBenchmarks
{
    private const int Symbols = 10;
    private const int TicksPerSymbol = 100_000;
    private const int TickCount = Symbols * TicksPerSymbol;
    private static readonly Timeframe[] ThreeTimeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour];

    private static readonly IndicatorSpec[] DefaultIndicators =
        [IndicatorSpec.Ema(20), IndicatorSpec.Ema(50), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14), IndicatorSpec.Macd(), IndicatorSpec.BollingerBands()];

    private Tick[] _ticks = [];
    private TickBatch[] _batches = [];
    private string _csvPath = string.Empty;
    private readonly List<ClosedCandle> _closed = new(1024);

    /// <summary>The ticks one operation set covers (every benchmark here runs each of them once).</summary>
    public int TickTotal => TickCount;

    [GlobalSetup]
    public void Setup()
    {
        _ticks = MarketData.Ticks(Symbols, TicksPerSymbol);
        _batches = _ticks.Chunk(512).Select(chunk => new TickBatch(chunk)).ToArray();
        _csvPath = Path.Combine(Path.GetTempPath(), "quantpulse-bench-ticks.csv");
        using var writer = CsvTickWriter.Create(_csvPath);
        writer.Write(_ticks);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_csvPath);

    /// <summary>The pure core alone: CandleBuilder.Add on every tick.</summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public long CandleBuilder_Add()
    {
        var builder = new CandleBuilder(new CandleBlockOptions { Timeframes = ThreeTimeframes });
        var ticks = _ticks;
        for (var i = 0; i < ticks.Length; i++)
        {
            builder.Add(in ticks[i], _closed, i);
            _closed.Clear();
        }

        return builder.CandlesClosed;
    }

    /// <summary>The Dataflow block: 512-tick batches in, market batches out.</summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public async Task<long> CandleBlock_FromMemory()
    {
        var block = new CandleBlock(new CandleBlockOptions { Timeframes = ThreeTimeframes });
        long candles = 0;
        var sink = new ActionBlock<MarketBatch>(b => candles += b.Candles.Count, new ExecutionDataflowBlockOptions { BoundedCapacity = 64 });
        block.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        foreach (var batch in _batches)
        {
            await block.SendAsync(batch);
        }

        block.Complete();
        await sink.Completion;
        return candles;
    }

    /// <summary>
    /// CandleBlock linked to an IndicatorBlock running the hosts' default indicator set (EMA 20, EMA 50, RSI 14,
    /// ATR 14, MACD 12/26/9, Bollinger 20/2), timeframes 1m, 5m and 15m, 512-tick batches sent from memory.
    /// </summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public async Task<long> CandleBlock_DefaultIndicators_FromMemory()
    {
        var candles = new CandleBlock(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes] });
        var indicators = new IndicatorBlock(new IndicatorBlockOptions { Indicators = DefaultIndicators });
        long closed = 0;
        var sink = new ActionBlock<MarketBatch>(b => closed += b.Candles.Count, new ExecutionDataflowBlockOptions { BoundedCapacity = 64 });
        candles.LinkTo(indicators, new DataflowLinkOptions { PropagateCompletion = true });
        indicators.LinkTo(sink, new DataflowLinkOptions { PropagateCompletion = true });
        foreach (var batch in _batches)
        {
            await candles.SendAsync(batch);
        }

        candles.Complete();
        await sink.Completion;
        return closed;
    }

    /// <summary>The whole pipeline from an in-memory source: pump, candles (3 timeframes), EMA/RSI/ATR.</summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public async Task<long> Pipeline_FromMemory_CandlesAndIndicators()
    {
        long candles = 0;
        var pipeline = new MarketPipelineBuilder(new ArrayTickSource(_ticks))
            .WithCandles(new CandleBlockOptions { Timeframes = ThreeTimeframes })
            .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14))
            .OnBatch((b, _) =>
            {
                candles += b.Candles.Count;
                return ValueTask.CompletedTask;
            })
            .Build();
        await pipeline.RunAsync();
        return candles;
    }

    /// <summary>Parsing the replay CSV alone.</summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public async Task<long> CsvTickSource_Parse()
    {
        long count = 0;
        await foreach (var _ in new CsvTickSource(_csvPath).ReadAsync())
        {
            count++;
        }

        return count;
    }

    /// <summary>The whole pipeline from the replay CSV: parse, candles (3 timeframes), EMA/RSI/ATR.</summary>
    [Benchmark(OperationsPerInvoke = TickCount)]
    public async Task<long> Pipeline_FromCsv_CandlesAndIndicators()
    {
        long candles = 0;
        var pipeline = new MarketPipelineBuilder(new CsvTickSource(_csvPath))
            .WithCandles(new CandleBlockOptions { Timeframes = ThreeTimeframes })
            .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14), IndicatorSpec.Atr(14))
            .OnBatch((b, _) =>
            {
                candles += b.Candles.Count;
                return ValueTask.CompletedTask;
            })
            .Build();
        await pipeline.RunAsync();
        return candles;
    }
}
