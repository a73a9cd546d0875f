using QuantPulse.Model;

namespace QuantPulse.Analytics;

/// <summary>Per-bar statistics of one symbol's closed candles over a rolling window.</summary>
/// <remarks>
/// The rolling mean, σ (sample), z-score, min and max are of the closes; the VWAP weighs each bar's typical price
/// <c>(high + low + close) / 3</c> by its volume; the realised volatility is the sample σ of the <c>window</c> log
/// returns ending at the bar, annualised with <see cref="RollingStatistics.PeriodsPerYear"/> of the timeframe
/// (365.25 days a year, around the clock). Values are null until their window is full.
/// </remarks>
public static class SymbolAnalytics
{
    /// <summary>Computes the statistics.</summary>
    /// <param name="candles">Candles of one symbol and timeframe in any order; open candles are left out.</param>
    /// <param name="window">The window in bars, at least 2.</param>
    /// <returns>One point per closed candle, oldest first.</returns>
    /// <exception cref="ArgumentException">The candles mix symbols or timeframes, or two share an open time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static SymbolAnalysis Analyze(IReadOnlyList<Candle> candles, int window)
    {
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var bars = Closed(candles);
        var timeframe = bars.Count > 0 ? bars[0].Timeframe : Timeframe.OneMinute;
        var close = bars.Select(c => (double)c.Close).ToArray();
        var nullable = close.Select(c => (double?)c).ToArray();
        var periods = RollingStatistics.PeriodsPerYear(timeframe.Duration);
        var returns = RollingStatistics.Returns(close);
        var logReturns = RollingStatistics.LogReturns(close);
        var mean = RollingStatistics.Mean(nullable, window);
        var sd = RollingStatistics.StandardDeviation(nullable, window);
        var z = RollingStatistics.ZScore(nullable, window);
        var min = RollingStatistics.Min(nullable, window);
        var max = RollingStatistics.Max(nullable, window);
        var vwap = RollingStatistics.Vwap([.. bars.Select(c => (double)(c.High + c.Low + c.Close) / 3)], [.. bars.Select(c => (double)c.Volume)], window);
        var volatility = RollingStatistics.RealizedVolatility(logReturns, window, periods);
        var points = new SymbolAnalysisPoint[bars.Count];
        for (var t = 0; t < points.Length; t++)
        {
            points[t] = new SymbolAnalysisPoint(bars[t].OpenTime, close[t], returns[t], logReturns[t], mean[t], sd[t], z[t], min[t], max[t], vwap[t], volatility[t]);
        }

        return new SymbolAnalysis(bars.Count > 0 ? bars[0].Symbol : string.Empty, timeframe, window, periods, points);
    }

    /// <summary>The closed candles of one series, ascending by open time.</summary>
    /// <param name="candles">Candles of one symbol and timeframe in any order.</param>
    /// <returns>The closed ones, sorted.</returns>
    /// <exception cref="ArgumentException">The candles mix symbols or timeframes, or two share an open time.</exception>
    internal static List<Candle> Closed(IReadOnlyList<Candle> candles)
    {
        var bars = candles.Where(c => c.IsClosed).OrderBy(c => c.OpenTime).ToList();
        for (var i = 1; i < bars.Count; i++)
        {
            if (!string.Equals(bars[i].Symbol, bars[0].Symbol, StringComparison.Ordinal) || bars[i].Timeframe != bars[0].Timeframe)
            {
                throw new ArgumentException("The candles must be of one symbol and one timeframe.", nameof(candles));
            }

            if (bars[i].OpenTime == bars[i - 1].OpenTime)
            {
                throw new ArgumentException($"Two closed candles open at {bars[i].OpenTime:O}.", nameof(candles));
            }
        }

        return bars;
    }
}

/// <summary>The statistics <see cref="SymbolAnalytics.Analyze"/> computed.</summary>
/// <param name="Symbol">The symbol (empty when there were no closed candles).</param>
/// <param name="Timeframe">The candles' timeframe.</param>
/// <param name="Window">The window in bars.</param>
/// <param name="PeriodsPerYear">Bars per year used to annualise the volatility.</param>
/// <param name="Points">One point per closed candle, oldest first.</param>
public sealed record SymbolAnalysis(string Symbol, Timeframe Timeframe, int Window, double PeriodsPerYear, IReadOnlyList<SymbolAnalysisPoint> Points);

/// <summary>The statistics of one bar; each is null until its window is full or where it is undefined.</summary>
/// <param name="OpenTime">The candle's open time.</param>
/// <param name="Close">The close.</param>
/// <param name="Return">Simple return from the previous close.</param>
/// <param name="LogReturn">Log return from the previous close.</param>
/// <param name="Mean">Rolling mean of the closes.</param>
/// <param name="StdDev">Rolling sample σ of the closes.</param>
/// <param name="ZScore">(close − mean) / σ.</param>
/// <param name="Min">Rolling minimum close.</param>
/// <param name="Max">Rolling maximum close.</param>
/// <param name="Vwap">Rolling VWAP of the typical price.</param>
/// <param name="RealizedVolatility">Annualised σ of the window's log returns.</param>
public sealed record SymbolAnalysisPoint(
    DateTimeOffset OpenTime,
    double Close,
    double? Return,
    double? LogReturn,
    double? Mean,
    double? StdDev,
    double? ZScore,
    double? Min,
    double? Max,
    double? Vwap,
    double? RealizedVolatility);
