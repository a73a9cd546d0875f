using Microsoft.Extensions.Logging;
using QuantPulse.Indicators;
using QuantPulse.Model;
using QuantPulse.Signals;
using QuantPulse.Simulation;

namespace QuantPulse.Pipeline;

public sealed partial class MarketPipelineBuilder
{
    private readonly List<IndicatorSpec> _strategyIndicators = [];
    private IndicatorBlockOptions? _indicatorOptions;
    private int _indicatorStage = -1;
    private int _lastSignalStage = -1;
    private int _simulatorStage = -1;

    /// <summary>
    /// Appends a signal stage running <paramref name="strategy"/>, and makes the indicator stage compute every
    /// indicator it needs (placing the indicator stage here if there is none yet). Several strategies may be
    /// added; each gets its own stage and their signals are merged in stream order.
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="options">The risk/reward levels, filters and block settings; null for the defaults.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    public MarketPipelineBuilder WithStrategy(StrategySpec strategy, SignalBlockOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        options ??= new SignalBlockOptions();
        EnsureIndicatorStage();
        _strategyIndicators.AddRange(SignalEngine.IndicatorsFor(strategy, options.RiskReward));
        _lastSignalStage = _stages.Count;
        _stages.Add(loggers => new SignalBlock(strategy, options, loggers.CreateLogger<SignalBlock>()));
        return this;
    }

    /// <summary>
    /// Appends the paper-trade stage, after the signal stages: it opens a trade on each signal at the next tick
    /// of its asset and closes it on take profit, stop loss or expiry (see <see cref="SimulatorBlock"/>).
    /// </summary>
    /// <param name="options">The simulator settings; null for the defaults.</param>
    /// <param name="openTrades">Open trades from an earlier run to keep watching; null for none.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">A simulator stage was already added.</exception>
    public MarketPipelineBuilder WithSimulator(SimulatorOptions? options = null, IEnumerable<Trade>? openTrades = null)
    {
        if (_simulatorStage >= 0)
        {
            throw new InvalidOperationException("The pipeline already has a simulator stage.");
        }

        Trade[] reloaded = [.. openTrades ?? []];
        _simulatorStage = _stages.Count;
        _stages.Add(loggers => new SimulatorBlock(options, reloaded, loggers.CreateLogger<SimulatorBlock>()));
        return this;
    }

    private void EnsureIndicatorStage()
    {
        if (_indicatorStage >= 0)
        {
            return;
        }

        _indicatorStage = _stages.Count;
        _stages.Add(CreateIndicatorStage);
    }

    private IndicatorBlock CreateIndicatorStage(ILoggerFactory loggers)
    {
        var user = _indicatorOptions ?? new IndicatorBlockOptions();
        var options = new IndicatorBlockOptions
        {
            Indicators = [.. user.Indicators.Concat(_strategyIndicators).Distinct()],
            BoundedCapacity = user.BoundedCapacity,
            CancellationToken = user.CancellationToken,
        };
        return new IndicatorBlock(options, loggers.CreateLogger<IndicatorBlock>());
    }

    private void CheckStageOrder()
    {
        if (_simulatorStage >= 0 && _lastSignalStage > _simulatorStage)
        {
            throw new InvalidOperationException(
                "WithStrategy was called after WithSimulator: the simulator only sees the signals raised by stages before it.");
        }
    }
}
