using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Dataflow;
using QuantPulse.Internal;
using QuantPulse.Model;
using QuantPulse.Signals;

namespace QuantPulse.Simulation;

/// <summary>
/// The paper-trade stage: opens a simulated trade on each signal at the next tick of its asset and closes it at
/// the first tick that reaches its take profit or its stop loss, or at its expiry (found by a tick or by the
/// batch's heartbeat, so a silent asset's trades expire on time), adding the
/// <see cref="TradeEvent"/>s to each <see cref="MarketBatch"/>.
/// </summary>
/// <remarks>
/// <para>
/// The block walks each batch's ticks in order and hands each signal to the simulator at its position, between
/// the ticks, so the trades depend only on the stream, never on how it was batched or how fast it ran. Each
/// event carries the index of the tick that caused it. The rules (fills, gaps, expiry, one or several trades
/// per asset) are in docs/simulation.md and on <see cref="SimulatorOptions"/>.
/// </para>
/// <para>
/// Trades still open from an earlier run (reloaded from storage) can be given to the constructor; they are
/// watched like new ones. <see cref="GetOpenTrades"/> and <see cref="Statistics"/> may be read from any thread.
/// A batch that neither carries signals nor meets an open trade is passed on as the same instance. Stop
/// gracefully with <see cref="MarketBatchBlock.Complete"/> and await <see cref="MarketBatchBlock.Completion"/>; the options' token aborts. Trades still open then stay
/// open (see <see cref="GetOpenTrades"/>).
/// </para>
/// </remarks>
public sealed class SimulatorBlock : MarketBatchBlock
{
    private readonly TradeSimulator _simulator;
    private readonly List<TradeEvent> _events = [];
    private readonly List<Signal> _submitted = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger;

    /// <summary>Creates the block.</summary>
    /// <param name="options">The settings; null for the defaults.</param>
    /// <param name="openTrades">Open trades to keep watching (reloaded after a restart); null for none.</param>
    /// <param name="logger">Where trades and skipped signals are logged; null for none.</param>
    /// <exception cref="ArgumentException">A reloaded trade is closed, has impossible levels, or repeats an ID.</exception>
    public SimulatorBlock(SimulatorOptions? options = null, IEnumerable<Trade>? openTrades = null, ILogger<SimulatorBlock>? logger = null)
        : base((options ??= new SimulatorOptions()).BoundedCapacity, options.CancellationToken)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _simulator = new TradeSimulator(options, openTrades, LogSkipped);
        if (_simulator.Statistics.TradesReloaded > 0)
        {
            Log.OpenTradesReloaded(_logger, _simulator.Statistics.TradesReloaded);
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public SimulatorStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return _simulator.Statistics;
            }
        }
    }

    /// <summary>The trades open now, oldest first: a snapshot copy.</summary>
    /// <returns>The open trades.</returns>
    public IReadOnlyList<Trade> GetOpenTrades()
    {
        lock (_gate)
        {
            return _simulator.GetOpenTrades();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => nameof(SimulatorBlock);

    /// <summary>
    /// Submits a signal from outside the pipeline (a manual paper trade): it waits for the next tick of its asset and
    /// opens there like a strategy's signal, and it travels with the next batch (to storage and subscribers).
    /// </summary>
    /// <param name="signal">The signal; its levels must be on the right sides of its entry.</param>
    /// <param name="expiry">The trade's own expiry, or null for <see cref="SimulatorOptions.Expiry"/>.</param>
    /// <returns>Null when the signal waits for its fill; otherwise why it was skipped (too many open trades, invalid levels, …).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    /// <remarks>Thread-safe; may be called while the block runs.</remarks>
    public SkippedSignalReason? Submit(Signal signal, TimeSpan? expiry = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_gate)
        {
            var skipped = _simulator.OnSignal(signal, expiry);
            if (skipped is null)
            {
                _submitted.Add(signal);
            }

            return skipped;
        }
    }

    /// <inheritdoc/>
    private protected override MarketBatch Process(MarketBatch batch)
    {
        var signals = batch.Signals;
        TradeEvent[] events;
        lock (_gate)
        {
            if (_submitted.Count > 0)
            {
                // Submitted signals were handed to the simulator already: they only travel with this batch from here.
                batch = batch.WithSignals([.. _submitted.Select(s => new RaisedSignal(s, 0)), .. batch.Signals]);
                _submitted.Clear();
            }

            if (signals.Count == 0 && !_simulator.IsActive)
            {
                return batch;
            }

            _events.Clear();
            var ticks = batch.Ticks.Span;
            var next = 0;
            for (var i = 0; i <= ticks.Length; i++)
            {
                // A signal at position i sits just before tick i (after every tick when i is the batch length).
                while (next < signals.Count && signals[next].Position <= i)
                {
                    _simulator.OnSignal(signals[next++].Signal);
                }

                if (i < ticks.Length)
                {
                    _simulator.OnTick(in ticks[i], i, _events);
                }
            }

            if (batch.Heartbeat is { } now)
            {
                // Every tick before the heartbeat has been seen: trades expired by then close even if their asset is silent.
                _simulator.OnClock(now, ticks.Length, _events);
            }

            if (_events.Count == 0)
            {
                return batch;
            }

            events = [.. _events];
        }

        LogEvents(events);
        return batch.WithTrades(PositionMerge.Merge(batch.Trades, [.. events], static e => e.Position));
    }

    private void LogEvents(TradeEvent[] events)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var (trade, kind, _) in events)
        {
            var direction = SignalTypeText.Of(trade.Direction);
            if (kind == TradeEventKind.Opened)
            {
                var openTime = LogText.Time(trade.OpenTime);
                Log.TradeOpened(
                    _logger, trade.Id, direction, trade.Asset, trade.EntryPrice, openTime, trade.StopLoss, trade.TakeProfit, trade.SignalId);
            }
            else
            {
                var closeTime = LogText.Time(trade.CloseTime!.Value);
                Log.TradeClosed(
                    _logger, trade.Id, trade.Result!.Value, direction, trade.Asset, trade.EntryPrice, trade.ClosePrice!.Value,
                    closeTime, trade.MovementPercentage!.Value, trade.DurationSeconds!.Value);
            }
        }
    }

    // Called by the simulator, under the gate.
    private void LogSkipped(Signal signal, SkippedSignalReason reason)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var skipped = _simulator.Statistics.Skipped(reason);
            Log.SignalSkipped(_logger, signal.Id, reason, signal.Asset, skipped);
        }
    }
}
