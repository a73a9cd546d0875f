using System.Diagnostics.CodeAnalysis;
using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// The signal stage's synchronous core: one strategy instance per series, the risk/reward levels, and the
/// checks that drop signals (counted by reason). No Dataflow, no clock, no threads: the block and the batch
/// helper call it the same way.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class SignalEngine
{
    private static readonly IndicatorValues NoValues = new(new IndicatorColumns([]), []);
    private readonly StrategySpec _strategy;
    private readonly RiskRewardModel _risk;
    private readonly double _minConfidence;
    private readonly Dictionary<(string Symbol, Timeframe Timeframe), Series> _series = [];
    private readonly string[] _requiredColumns;
    private IndicatorColumns? _checkedColumns;
    private SignalStatistics _statistics = new();

    public SignalEngine(StrategySpec strategy, RiskRewardOptions riskReward, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategy = strategy;
        _risk = new RiskRewardModel(riskReward);
        _minConfidence = minConfidence;
        Indicators = IndicatorsFor(strategy, _risk);
        _requiredColumns = [.. Indicators.SelectMany(i => i.Columns)];
    }

    /// <summary>The indicators the strategy and the risk levels read.</summary>
    public IReadOnlyList<IndicatorSpec> Indicators { get; }

    /// <summary>How many series have been seen.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>The counters so far.</summary>
    public SignalStatistics Statistics => _statistics;

    /// <summary>The indicators a strategy and its risk levels read: the strategy's, then the ATR when a level needs it.</summary>
    public static IReadOnlyList<IndicatorSpec> IndicatorsFor(StrategySpec strategy, RiskRewardOptions riskReward) =>
        IndicatorsFor(strategy, new RiskRewardModel(riskReward));

    private static IReadOnlyList<IndicatorSpec> IndicatorsFor(StrategySpec strategy, RiskRewardModel risk) =>
        risk.Atr is { } atr && !strategy.Indicators.Contains(atr) ? [.. strategy.Indicators, atr] : strategy.Indicators;

    /// <summary>Evaluates one closed candle.</summary>
    /// <param name="candle">The closed candle.</param>
    /// <param name="values">
    /// Its indicator values, which must hold every column of <see cref="Indicators"/>; null only when no indicator is needed.
    /// </param>
    /// <returns>The signal raised or dropped (with the reason), or none.</returns>
    /// <exception cref="InvalidOperationException">The values are missing or lack a column the strategy needs (a wiring error).</exception>
    public SignalOutcome Evaluate(Candle candle, IndicatorValues? values)
    {
        values ??= _requiredColumns.Length == 0 ? NoValues : null;
        CheckColumns(values);
        var key = (candle.Symbol, candle.Timeframe);
        var isNew = false;
        if (!_series.TryGetValue(key, out var series))
        {
            series = new Series(_strategy.CreateStrategy());
            _series.Add(key, series);
            isNew = true;
        }

        var openTicks = candle.OpenTime.UtcTicks;
        if (openTicks <= series.LastOpenTicks)
        {
            _statistics = _statistics with { CandlesOutOfOrder = _statistics.CandlesOutOfOrder + 1 };
            return new SignalOutcome(null, SignalRejection.None, isNew);
        }

        series.LastOpenTicks = openTicks;
        _statistics = _statistics with { CandlesEvaluated = _statistics.CandlesEvaluated + 1 };
        var signal = series.Strategy.Evaluate(new SignalContext(_strategy.Id, candle, values, _risk));
        if (signal is null)
        {
            return new SignalOutcome(null, SignalRejection.None, isNew);
        }

        var rejection = Check(signal);
        _statistics = rejection switch
        {
            SignalRejection.None => _statistics with { SignalsRaised = _statistics.SignalsRaised + 1 },
            SignalRejection.NoRisk => _statistics with { DroppedNoRisk = _statistics.DroppedNoRisk + 1 },
            SignalRejection.InvalidLevels => _statistics with { DroppedInvalidLevels = _statistics.DroppedInvalidLevels + 1 },
            SignalRejection.BelowMinimumRiskReward => _statistics with { DroppedBelowMinimumRiskReward = _statistics.DroppedBelowMinimumRiskReward + 1 },
            _ => _statistics with { DroppedBelowMinimumConfidence = _statistics.DroppedBelowMinimumConfidence + 1 },
        };
        return new SignalOutcome(signal, rejection, isNew);
    }

    /// <summary>Why a signal must be dropped, or <see cref="SignalRejection.None"/>.</summary>
    private SignalRejection Check(Signal signal)
    {
        if (!(signal.Confidence is >= 0 and <= 1))
        {
            return SignalRejection.InvalidLevels;
        }

        if (signal.StopLoss == signal.Entry)
        {
            return SignalRejection.NoRisk;
        }

        var ordered = signal.Type == SignalType.Buy
            ? signal.StopLoss > 0m && signal.StopLoss < signal.Entry && signal.Entry < signal.TakeProfit
            : signal.TakeProfit > 0m && signal.TakeProfit < signal.Entry && signal.Entry < signal.StopLoss;
        if (!ordered)
        {
            return SignalRejection.InvalidLevels;
        }

        if (RiskRewardModel.Ratio(signal.Entry, signal.StopLoss, signal.TakeProfit) < _risk.MinRiskReward)
        {
            return SignalRejection.BelowMinimumRiskReward;
        }

        return signal.Confidence < _minConfidence ? SignalRejection.BelowMinimumConfidence : SignalRejection.None;
    }

    private void CheckColumns([NotNull] IndicatorValues? values)
    {
        if (values is null)
        {
            throw new InvalidOperationException(
                $"Strategy '{_strategy.Id}' needs indicator values on every candle; put an indicator stage computing "
                + $"{string.Join(", ", Indicators)} before the signal stage (MarketPipelineBuilder.WithStrategy does this).");
        }

        if (ReferenceEquals(values.Columns, _checkedColumns))
        {
            return;
        }

        var missing = _requiredColumns.Where(c => !values.Columns.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"Strategy '{_strategy.Id}' needs the indicator columns {string.Join(", ", missing)}, which the indicator stage does not compute; "
                + $"add {string.Join(", ", Indicators)} to it (MarketPipelineBuilder.WithStrategy does this).");
        }

        _checkedColumns = values.Columns;
    }

    private sealed class Series(IStrategy strategy)
    {
        public IStrategy Strategy { get; } = strategy;

        public long LastOpenTicks { get; set; } = long.MinValue;
    }
}
