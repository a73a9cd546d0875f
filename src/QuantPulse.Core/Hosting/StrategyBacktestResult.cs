using QuantPulse.Analytics;
using QuantPulse.Model;

namespace QuantPulse.Hosting;

/// <summary>What a strategy back-test on stored data produced (<see cref="StoredBacktests.RunStrategyAsync"/>).</summary>
/// <param name="Symbol">The symbol.</param>
/// <param name="Timeframe">The timeframe the strategy ran on.</param>
/// <param name="Strategy">The strategy with its parameters, such as <c>ema-rsi(FastPeriod=9,…)</c>.</param>
/// <param name="Ticks">How many ticks were replayed.</param>
/// <param name="DerivedFromCandles">Whether the ticks were derived from stored candles (no ticks were stored).</param>
/// <param name="Signals">The signals that reached the simulator, in order.</param>
/// <param name="Trades">The trades, in open order; a trade still open at the end of the data is open here.</param>
/// <param name="Equity">The equity curve of the closed trades (cumulative movement %).</param>
/// <param name="Metrics">The trade counts and movement figures.</param>
/// <param name="Performance">The pair back-test's metric set for these trades (<see cref="StrategyMetrics"/>): returns,
/// Sharpe, Sortino, Calmar, drawdown, win rate, profit factor, expectancy and exposure on the bars of the timeframe.</param>
public sealed record StrategyBacktestResult(
    string Symbol,
    Timeframe Timeframe,
    string Strategy,
    int Ticks,
    bool DerivedFromCandles,
    IReadOnlyList<Signal> Signals,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<EquityPoint> Equity,
    StrategyBacktestMetrics Metrics,
    PairMetrics Performance);
