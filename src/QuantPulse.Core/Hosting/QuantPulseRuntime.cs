using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Candles;
using QuantPulse.Model;
using QuantPulse.Pipeline;
using QuantPulse.Pipeline.Internal;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Hosting;

/// <summary>
/// Builds the pipeline the configuration describes, runs it, and gives the host's own surfaces (pages, APIs)
/// access to its live output.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Updates"/> outlives the pipeline: subscribers may attach before it starts. Each subscriber has its
/// own bounded buffer and never slows the pipeline (a subscriber that falls behind loses its oldest batches).
/// </para>
/// <para>Thread-safe. <see cref="RunAsync"/> runs one pipeline at a time.</para>
/// </remarks>
public sealed class QuantPulseRuntime
{
    private readonly IOptions<QuantPulseOptions> _options;
    private readonly IEnumerable<ITickSourceFactory> _sourceFactories;
    private readonly IEnumerable<IPipelineContributor> _contributors;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ObserverHub<MarketBatch> _updates = new(4096);
    private MarketPipeline? _pipeline;
    private int _running;

    /// <summary>Creates the runtime (normally resolved from dependency injection).</summary>
    /// <param name="options">The validated configuration.</param>
    /// <param name="sourceFactories">Every registered source factory.</param>
    /// <param name="contributors">Every registered pipeline contributor.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    public QuantPulseRuntime(
        IOptions<QuantPulseOptions> options,
        IEnumerable<ITickSourceFactory> sourceFactories,
        IEnumerable<IPipelineContributor> contributors,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _sourceFactories = sourceFactories;
        _contributors = contributors;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<QuantPulseRuntime>();
    }

    /// <summary>Every batch of the running pipeline, after all stages; see the remarks.</summary>
    public IObservable<MarketBatch> Updates => _updates;

    /// <summary>The running pipeline, or null before <see cref="RunAsync"/> has built it.</summary>
    public MarketPipeline? Pipeline => Volatile.Read(ref _pipeline);

    /// <summary>The sources of the running pipeline (the composite's inner sources when several are enabled).</summary>
    public IReadOnlyList<ITickSource> Sources => Pipeline?.Source switch
    {
        null => [],
        CompositeTickSource composite => composite.Sources,
        var single => [single],
    };

    /// <summary>The candle stage of the running pipeline (history and forming candles), or null.</summary>
    public CandleBlock? Candles => Pipeline?.Candles;

    /// <summary>Builds the pipeline from configuration and runs it until the sources end or <paramref name="cancellationToken"/> stops it.</summary>
    /// <param name="cancellationToken">Stops the sources; what was read drains before the method returns.</param>
    /// <returns>A task that ends when the pipeline has drained; it fails with the pipeline's first failure (the hosted service logs it).</returns>
    /// <exception cref="InvalidOperationException">A pipeline is already running, or no source is enabled.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The QuantPulse pipeline is already running.");
        }

        try
        {
            var pipeline = await BuildAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _pipeline, pipeline);
            await pipeline.RunAsync(cancellationToken).ConfigureAwait(false);

            var stats = pipeline.Candles.Statistics;
            Log.PipelineStopped(_logger, stats.TicksReceived, stats.CandlesClosed);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Builds, but does not run, the pipeline the configuration describes.</summary>
    /// <param name="cancellationToken">Cancels start-up (opening the store, for example).</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">No source is enabled.</exception>
    public async Task<MarketPipeline> BuildAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var sources = _sourceFactories.Where(f => f.IsEnabled).Select(f => f.Create()).ToArray();
        if (sources.Length == 0)
        {
            throw new InvalidOperationException("No tick source is enabled: enable one under QuantPulse:Sources.");
        }

        var source = sources.Length == 1 ? sources[0] : new CompositeTickSource(sources);
        var timeframes = options.Candles.Timeframes.Select(Timeframe.Parse).ToArray();
        var pipelineOptions = options.Pipeline;

        // A recording that reaches its end closes its last buckets, as `quantpulse candles` and `backtest` do; a live
        // feed never ends by itself, and a stopped host leaves its forming candles open.
        var builder = CreateBuilder(source, options, sources.All(s => s is CsvTickSource), _timeProvider, _loggerFactory);

        foreach (var contributor in _contributors.OrderBy(c => c.Order))
        {
            await contributor.ContributeAsync(builder, cancellationToken).ConfigureAwait(false);
        }

        if (pipelineOptions.LogCandles)
        {
            builder.OnCandle(c =>
            {
                var openTime = LogText.Time(c.Candle.OpenTime);
                Log.CandleClosed(
                    _logger,
                    c.Candle.Symbol,
                    c.Candle.Timeframe.Name,
                    openTime,
                    c.Candle.Open,
                    c.Candle.High,
                    c.Candle.Low,
                    c.Candle.Close,
                    c.Candle.Volume,
                    c.Candle.TickCount);
            });
        }

        builder.OnBatch((batch, _) =>
        {
            _updates.Publish(batch);
            return ValueTask.CompletedTask;
        });

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var timeframeList = string.Join(",", timeframes);
            var indicatorList = string.Join(",", options.Indicators.Select(i => i.TryToSpec(out var spec, out _) ? spec.ToString() : i.Id));
            Log.PipelineStarting(_logger, source.Name, timeframeList, indicatorList);
        }
        return builder.Build();
    }

    /// <summary>A builder over <paramref name="source"/> with the configured pipeline and candle settings (no stages yet).</summary>
    internal static MarketPipelineBuilder CreateBuilder(
        ITickSource source, QuantPulseOptions options, bool closeCandlesAtEnd, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var pipelineOptions = options.Pipeline;
        return new MarketPipelineBuilder(source)
            .WithLoggerFactory(loggerFactory)
            .WithOptions(new MarketPipelineOptions
            {
                HeartbeatInterval = pipelineOptions.HeartbeatInterval,
                CloseDelay = pipelineOptions.CloseDelay,
                CloseCandlesAtEnd = closeCandlesAtEnd,
                BoundedCapacity = pipelineOptions.BoundedCapacity,
                MaxBatchSize = pipelineOptions.MaxBatchSize,
                TimeProvider = timeProvider,
            })
            .WithCandles(new CandleBlockOptions
            {
                Timeframes = [.. options.Candles.Timeframes.Select(Timeframe.Parse)],
                HistoryLength = options.Candles.HistoryLength,
                FillGaps = options.Candles.FillGaps,
                BoundedCapacity = pipelineOptions.BoundedCapacity,
            });
    }
}
