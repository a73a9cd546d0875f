namespace QuantPulse.Analytics;

/// <summary>The rules of a pair (mean-reversion) back-test.</summary>
/// <param name="Entry">Enter when |z| passes this (and is below <paramref name="Stop"/>).</param>
/// <param name="Exit">Exit when |z| falls below this.</param>
/// <param name="Stop">Stop out when |z| reaches this.</param>
/// <param name="Window">Spreads in the z-score window (at least 2).</param>
public sealed record PairBacktestOptions(double Entry, double Exit, double Stop, int Window)
{
    /// <summary>Bars the hedge ratio is fitted on; null for a third of the bars.</summary>
    public int? Train { get; init; }

    /// <summary>The hedge ratio estimator.</summary>
    public HedgeMethod Method { get; init; } = HedgeMethod.Ols;

    /// <summary>Fee in basis points of each leg's notional, charged on every fill.</summary>
    public double FeeBps { get; init; }

    /// <summary>Most bars a position is held; null for no limit.</summary>
    public int? MaxBars { get; init; }
}

/// <summary>Which way a pair position holds the spread <c>b − α − β·a</c>.</summary>
public enum SpreadDirection
{
    /// <summary>Long the spread: +1 <c>b</c>, −β <c>a</c>.</summary>
    Long,

    /// <summary>Short the spread: −1 <c>b</c>, +β <c>a</c>.</summary>
    Short,
}

/// <summary>Why a pair position was closed.</summary>
public enum PairExitReason
{
    /// <summary>|z| fell below the exit level.</summary>
    Exit,

    /// <summary>|z| reached the stop level.</summary>
    Stop,

    /// <summary>The holding limit was reached.</summary>
    MaxBars,

    /// <summary>The position was still open at the last bar.</summary>
    End,
}

/// <summary>One round trip of a pair back-test.</summary>
/// <param name="EntryTime">Time of the entry bar.</param>
/// <param name="ExitTime">Time of the exit bar.</param>
/// <param name="Direction">Long or short the spread.</param>
/// <param name="EntryZ">z at entry.</param>
/// <param name="ExitZ">z at exit (NaN when undefined on that bar).</param>
/// <param name="Reason">Why it was closed.</param>
/// <param name="Pnl">Profit per one unit of <c>b</c>, in price units, after fees.</param>
/// <param name="Notional">Gross notional at entry, <c>b + |β|·a</c>: the return base.</param>
/// <param name="Bars">Bars held (exit index − entry index).</param>
public sealed record PairTrade(
    DateTimeOffset EntryTime,
    DateTimeOffset ExitTime,
    SpreadDirection Direction,
    double EntryZ,
    double ExitZ,
    PairExitReason Reason,
    double Pnl,
    double Notional,
    int Bars);

/// <summary>
/// The metrics of a back-test: of a pair back-test (<see cref="PairBacktest"/>), and the same set for a strategy
/// back-test's trades (<see cref="StrategyMetrics"/>). Conventions in docs/analytics.md.
/// </summary>
/// <param name="TotalReturn">Final equity − 1.</param>
/// <param name="AnnualizedReturn">Total return compounded to a year of bars.</param>
/// <param name="Sharpe">Annualised mean over sample σ of the per-bar returns (risk-free 0).</param>
/// <param name="Sortino">Annualised mean over downside deviation of the per-bar returns.</param>
/// <param name="Calmar">Annualised return over max drawdown.</param>
/// <param name="MaxDrawdown">Largest fall from a running equity peak, as a fraction of the peak.</param>
/// <param name="MaxDrawdownBars">Longest run of bars spent below a running peak.</param>
/// <param name="WinRate">Fraction of trades with P&amp;L &gt; 0.</param>
/// <param name="ProfitFactor">Gross profit over gross loss.</param>
/// <param name="Expectancy">Mean P&amp;L per trade (pair: price units per unit of b; strategy: return per trade).</param>
/// <param name="Trades">Number of trades.</param>
/// <param name="Exposure">Fraction of trading bars with a position held (strategy: of the time).</param>
/// <param name="PeriodsPerYear">Bars per year (pair: from the median bar interval; strategy: from the timeframe).</param>
public sealed record PairMetrics(
    double TotalReturn,
    double AnnualizedReturn,
    double Sharpe,
    double Sortino,
    double Calmar,
    double MaxDrawdown,
    int MaxDrawdownBars,
    double WinRate,
    double ProfitFactor,
    double Expectancy,
    int Trades,
    double Exposure,
    double PeriodsPerYear);

/// <summary>What a pair back-test produced.</summary>
/// <param name="Trades">The trades, in time order.</param>
/// <param name="EquityTimes">Times of the equity curve: the last training bar, then every trading bar.</param>
/// <param name="Equity">Equity on those bars, starting at 1.</param>
/// <param name="Metrics">The metrics.</param>
public sealed record PairBacktestResult(
    IReadOnlyList<PairTrade> Trades,
    IReadOnlyList<DateTimeOffset> EquityTimes,
    IReadOnlyList<double> Equity,
    PairMetrics Metrics);
