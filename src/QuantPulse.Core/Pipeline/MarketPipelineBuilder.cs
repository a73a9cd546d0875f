using System.Threading.Tasks.Dataflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Candles;
using QuantPulse.Dataflow;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Sources;

namespace QuantPulse.Pipeline;

/// <summary>
/// Composes a <see cref="MarketPipeline"/>: a tick source, the candle stage, further stages in the order they are
/// added, and lossless consumers at the end.
/// </summary>
/// <remarks>
/// <code>
/// var pipeline = new MarketPipelineBuilder(new SimulatedMarketSource(new SimulatedSourceOptions()))
///     .WithCandles(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, Timeframe.FiveMinutes] })
///     .WithIndicators(IndicatorSpec.Ema(20), IndicatorSpec.Rsi(14))
///     .WithStrategy(StrategySpec.UtBot(new UtBotOptions { KeyValue = 2 }))
///     .WithSimulator(new SimulatorOptions { Expiry = TimeSpan.FromMinutes(30) })
///     .OnBatch((batch, _) => { foreach (var e in batch.Trades) Console.WriteLine(e.Trade); return default; })
///     .Build();
/// await pipeline.RunAsync(stoppingToken);
/// </code>
/// <para>
/// There is at most one indicator stage. It computes the indicators given to <see cref="WithIndicators(IndicatorBlockOptions)"/>
/// and, after them, every indicator a strategy added with <see cref="WithStrategy(StrategySpec, SignalBlockOptions?)"/>
/// needs, and it sits where it was first asked for (by <c>WithIndicators</c> or by the first <c>WithStrategy</c>),
/// so it always comes before the signal stages.
/// </para>
/// <para>A builder builds one pipeline; the blocks it creates are not shared.</para>
/// </remarks>
public sealed partial class MarketPipelineBuilder
{
    private readonly ITickSource _source;
    private readonly List<Func<ILoggerFactory, IPropagatorBlock<MarketBatch, MarketBatch>>> _stages = [];
    private readonly List<Func<MarketBatch, CancellationToken, ValueTask>> _consumers = [];
    private readonly List<ITargetBlock<MarketBatch>> _sinks = [];
    private MarketPipelineOptions _options = new();
    private CandleBlockOptions _candleOptions = new();
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private bool _built;

    /// <summary>Starts a pipeline that reads <paramref name="source"/>.</summary>
    /// <param name="source">The tick source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public MarketPipelineBuilder(ITickSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Sets the pipeline-wide settings (batching, heartbeats, clock, consumer buffer).</summary>
    /// <param name="options">The settings.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public MarketPipelineBuilder WithOptions(MarketPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>Sets the candle stage's settings (timeframes, history length, gap filling…).</summary>
    /// <param name="options">The settings.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public MarketPipelineBuilder WithCandles(CandleBlockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _candleOptions = options;
        return this;
    }

    /// <summary>Gives the stages a logger factory.</summary>
    /// <param name="loggerFactory">The factory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loggerFactory"/> is null.</exception>
    public MarketPipelineBuilder WithLoggerFactory(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>
    /// Sets the indicator stage: every closed candle gets the values of <paramref name="options"/>' indicators (and
    /// of those the strategies need). The stage is appended here unless a strategy has already placed it; a later
    /// call replaces the settings, it does not add a second stage.
    /// </summary>
    /// <param name="options">The indicator set and block settings.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public MarketPipelineBuilder WithIndicators(IndicatorBlockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _indicatorOptions = options;
        EnsureIndicatorStage();
        return this;
    }

    /// <summary>Sets the indicator stage with the given indicators and default block settings (see <see cref="WithIndicators(IndicatorBlockOptions)"/>).</summary>
    /// <param name="indicators">The indicators to compute on every closed candle, per symbol and timeframe.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indicators"/> is null.</exception>
    public MarketPipelineBuilder WithIndicators(params IndicatorSpec[] indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        return WithIndicators(new IndicatorBlockOptions { Indicators = indicators });
    }

    /// <summary>Appends a stage after the ones added so far.</summary>
    /// <param name="stage">A block that takes and produces <see cref="MarketBatch"/>es, in order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stage"/> is null.</exception>
    public MarketPipelineBuilder AddStage(IPropagatorBlock<MarketBatch, MarketBatch> stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(_ => stage);
        return this;
    }

    /// <summary>Appends a stage created when the pipeline is built, with the builder's logger factory.</summary>
    /// <param name="factory">Creates the stage.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public MarketPipelineBuilder AddStage(Func<ILoggerFactory, IPropagatorBlock<MarketBatch, MarketBatch>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _stages.Add(factory);
        return this;
    }

    /// <summary>
    /// Adds a consumer that sees every batch after all stages, in order. Consumers are lossless: a slow one
    /// slows the pipeline (use <see cref="MarketPipeline.Updates"/> for observers that must not). An exception
    /// faults the pipeline.
    /// </summary>
    /// <param name="consumer">The consumer.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consumer"/> is null.</exception>
    public MarketPipelineBuilder OnBatch(Func<MarketBatch, CancellationToken, ValueTask> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumers.Add(consumer);
        return this;
    }

    /// <summary>Adds a synchronous consumer that sees every batch after all stages, in order (see the other overload).</summary>
    /// <param name="consumer">Called once per batch; it must be quick, as the pipeline waits for it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consumer"/> is null.</exception>
    public MarketPipelineBuilder OnBatch(Action<MarketBatch> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return OnBatch((batch, _) =>
        {
            consumer(batch);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Adds a lossless consumer of every closed candle, with its indicator values when there is an indicator stage.</summary>
    /// <param name="consumer">Called once per closed candle, in close order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consumer"/> is null.</exception>
    public MarketPipelineBuilder OnCandle(Action<ClosedCandle> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return OnBatch((batch, _) =>
        {
            foreach (var candle in batch.Candles)
            {
                consumer(candle);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Attaches a sink (such as a storage <c>SinkBlock</c>) after the consumers. Every batch is sent to it with
    /// <c>SendAsync</c>, so a full sink slows the pipeline down instead of losing batches; when the stream ends the
    /// sink is completed, and <see cref="MarketPipeline.Completion"/> and <see cref="MarketPipeline.RunAsync"/> wait
    /// for it and report its fault.
    /// </summary>
    /// <param name="sink">The sink; the pipeline owns its completion.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sink"/> is null.</exception>
    public MarketPipelineBuilder WithSink(ITargetBlock<MarketBatch> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sinks.Add(sink);
        return this;
    }

    /// <summary>Creates the blocks and links them.</summary>
    /// <returns>The pipeline, ready for <see cref="MarketPipeline.RunAsync"/>.</returns>
    /// <exception cref="InvalidOperationException">The builder has already built a pipeline.</exception>
    public MarketPipeline Build()
    {
        var (candles, stages) = CreateBlocks(synchronous: false);
        return new MarketPipeline(_source, _options, candles, stages, [.. _consumers], [.. _sinks]);
    }

    /// <summary>
    /// Creates the same stages for a run on the caller's thread: the caller reads the source and hands the ticks to
    /// <see cref="SynchronousMarketPipeline.Process"/>, and gets each batch back instead of consumers and sinks.
    /// </summary>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">
    /// The builder has already built a pipeline; consumers or sinks were added (the caller consumes the batches);
    /// or a stage added with <see cref="AddStage(IPropagatorBlock{MarketBatch, MarketBatch})"/> is not one of this
    /// library's stages, which have a synchronous core.
    /// </exception>
    public SynchronousMarketPipeline BuildSynchronous()
    {
        var (candles, stages) = CreateBlocks(synchronous: true);
        if (stages.FirstOrDefault(stage => stage is not MarketBatchBlock) is { } other)
        {
            throw new InvalidOperationException($"The stage {other} has no synchronous core; only the library's stages can run in a synchronous pipeline.");
        }

        return new SynchronousMarketPipeline(candles, [.. stages.Cast<MarketBatchBlock>()], _options.CloseCandlesAtEnd);
    }

    // The checks both kinds of pipeline make, then their blocks: the candle stage and the others in order, once per builder.
    private (CandleBlock Candles, IPropagatorBlock<MarketBatch, MarketBatch>[] Stages) CreateBlocks(bool synchronous)
    {
        if (_built)
        {
            throw new InvalidOperationException("A MarketPipelineBuilder builds one pipeline.");
        }

        if (synchronous && (_consumers.Count > 0 || _sinks.Count > 0))
        {
            throw new InvalidOperationException(
                "A synchronous pipeline hands every batch back to its caller: it has no consumers (OnBatch, OnCandle) or sinks (WithSink).");
        }

        CheckStageOrder();
        _built = true;
        var candles = new CandleBlock(_candleOptions, _loggerFactory.CreateLogger<CandleBlock>());
        return (candles, _stages.Select(create => create(_loggerFactory)).ToArray());
    }
}
