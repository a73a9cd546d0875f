using System.Diagnostics.Metrics;
using QuantPulse.Model;
using QuantPulse.Pipeline;

namespace QuantPulse.Hosting;

/// <summary>
/// The pipeline's instruments on the <see cref="MeterName"/> meter. Exported to Prometheus they read
/// <c>quantpulse_ticks_total{source}</c>, <c>quantpulse_ticks_rejected_total{source,reason}</c>,
/// <c>quantpulse_candles_closed_total{timeframe}</c>, <c>quantpulse_signals_total{strategy,type}</c> and
/// <c>quantpulse_trades_closed_total{result}</c>.
/// </summary>
/// <remarks>Registered by <c>AddQuantPulse</c>; counts every batch of the running pipeline. Thread-safe.</remarks>
public sealed class QuantPulseMetrics : IPipelineContributor, IDisposable
{
    /// <summary>The meter name to export (<c>QuantPulse</c>).</summary>
    public const string MeterName = "QuantPulse";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _ticks;
    private readonly Counter<long> _candles;
    private readonly Counter<long> _signals;
    private readonly Counter<long> _tradesClosed;

    /// <summary>Creates the instruments.</summary>
    /// <param name="services">
    /// Resolves the <see cref="SourceMonitor"/> whose rejected ticks are reported, when they are first observed (the
    /// monitor depends on the runtime, which depends on this contributor).
    /// </param>
    public QuantPulseMetrics(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var monitor = new Lazy<SourceMonitor>(() => (SourceMonitor)services.GetService(typeof(SourceMonitor))!);
        _ticks = _meter.CreateCounter<long>("quantpulse.ticks", description: "Ticks accepted, by source.");
        _candles = _meter.CreateCounter<long>("quantpulse.candles.closed", description: "Candles closed, by timeframe.");
        _signals = _meter.CreateCounter<long>("quantpulse.signals", description: "Signals raised, by strategy and type.");
        _tradesClosed = _meter.CreateCounter<long>("quantpulse.trades.closed", description: "Paper trades closed, by result.");
        _meter.CreateObservableCounter(
            "quantpulse.ticks.rejected",
            () => monitor.Value.GetSources().SelectMany(s => s.Rejected.Select(r =>
                new Measurement<long>(r.Value, new KeyValuePair<string, object?>("source", s.Name), new KeyValuePair<string, object?>("reason", r.Key)))),
            description: "Ticks rejected by the sources, by source and reason.");
    }

    /// <summary>Runs after every stage.</summary>
    public int Order => 340;

    /// <inheritdoc/>
    public ValueTask ContributeAsync(MarketPipelineBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OnBatch(Record);
        return ValueTask.CompletedTask;
    }

    /// <summary>Counts one batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    public void Record(MarketBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var ticks = batch.Ticks.Span;
        var start = 0;
        for (var i = 1; i <= ticks.Length; i++)
        {
            // One Add per run of ticks from the same source keeps the per-tick cost negligible.
            if (i == ticks.Length || !string.Equals(ticks[i].Source, ticks[start].Source, StringComparison.Ordinal))
            {
                _ticks.Add(i - start, new KeyValuePair<string, object?>("source", ticks[start].Source));
                start = i;
            }
        }

        foreach (var closed in batch.Candles)
        {
            _candles.Add(1, new KeyValuePair<string, object?>("timeframe", closed.Candle.Timeframe.Name));
        }

        foreach (var raised in batch.Signals)
        {
            _signals.Add(
                1,
                new KeyValuePair<string, object?>("strategy", raised.Signal.Strategy),
                new KeyValuePair<string, object?>("type", raised.Signal.Type == SignalType.Buy ? "BUY" : "SELL"));
        }

        foreach (var evt in batch.Trades)
        {
            if (evt.Kind == TradeEventKind.Closed && evt.Trade.Result is { } result)
            {
                _tradesClosed.Add(1, new KeyValuePair<string, object?>("result", result switch
                {
                    TradeResult.Win => "WIN",
                    TradeResult.Loss => "LOSS",
                    _ => "EXPIRED",
                }));
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
