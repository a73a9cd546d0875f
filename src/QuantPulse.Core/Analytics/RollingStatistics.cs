namespace QuantPulse.Analytics;

/// <summary>
/// Returns and rolling-window statistics of one series. Every rolling result is as long as its input and holds,
/// at index t, the statistic of the <c>window</c> values ending at t (t included); it is null until the window
/// is full and wherever the statistic is undefined.
/// </summary>
/// <remarks>The functions are pure and thread-safe; they allocate their result and never change their input.</remarks>
public static class RollingStatistics
{
    /// <summary>Simple returns <c>p_t / p_{t−1} − 1</c>; null at index 0 and where <c>p_{t−1}</c> is 0.</summary>
    /// <param name="prices">Prices, oldest first.</param>
    /// <returns>One return per price.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    public static double?[] Returns(IReadOnlyList<double> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var result = new double?[prices.Count];
        for (var t = 1; t < prices.Count; t++)
        {
            result[t] = prices[t - 1] != 0 ? (prices[t] / prices[t - 1]) - 1 : null;
        }

        return result;
    }

    /// <summary>Log returns <c>ln(p_t / p_{t−1})</c>; null at index 0 and where either price is not positive.</summary>
    /// <param name="prices">Prices, oldest first.</param>
    /// <returns>One log return per price.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    public static double?[] LogReturns(IReadOnlyList<double> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var result = new double?[prices.Count];
        for (var t = 1; t < prices.Count; t++)
        {
            result[t] = prices[t] > 0 && prices[t - 1] > 0 ? Math.Log(prices[t] / prices[t - 1]) : null;
        }

        return result;
    }

    /// <summary>The rolling arithmetic mean.</summary>
    /// <param name="values">The series; a null value makes every window holding it null.</param>
    /// <param name="window">The window, at least 1.</param>
    /// <returns>The means.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static double?[] Mean(IReadOnlyList<double?> values, int window) =>
        Apply(values, window, 1, static (v, start, count) => Average(v, start, count));

    /// <summary>The rolling sample standard deviation (divisor <c>window − 1</c>).</summary>
    /// <param name="values">The series; a null value makes every window holding it null.</param>
    /// <param name="window">The window, at least 2.</param>
    /// <returns>The standard deviations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static double?[] StandardDeviation(IReadOnlyList<double?> values, int window) =>
        Apply(values, window, 2, static (v, start, count) => SampleSd(v, start, count));

    /// <summary>
    /// The rolling z-score <c>(x_t − mean) / σ</c> over the window ending at t (sample σ); null where σ is 0.
    /// </summary>
    /// <param name="values">The series; a null value makes every window holding it null.</param>
    /// <param name="window">The window, at least 2.</param>
    /// <returns>The z-scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static double?[] ZScore(IReadOnlyList<double?> values, int window) =>
        Apply(values, window, 2, static (v, start, count) =>
        {
            var sd = SampleSd(v, start, count);
            return sd > 0 ? (v[start + count - 1] - Average(v, start, count)) / sd : null;
        });

    /// <summary>The rolling minimum.</summary>
    /// <param name="values">The series; a null value makes every window holding it null.</param>
    /// <param name="window">The window, at least 1.</param>
    /// <returns>The minima.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static double?[] Min(IReadOnlyList<double?> values, int window) =>
        Apply(values, window, 1, static (v, start, count) => new ArraySegment<double>(v, start, count).Min());

    /// <summary>The rolling maximum.</summary>
    /// <param name="values">The series; a null value makes every window holding it null.</param>
    /// <param name="window">The window, at least 1.</param>
    /// <returns>The maxima.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static double?[] Max(IReadOnlyList<double?> values, int window) =>
        Apply(values, window, 1, static (v, start, count) => new ArraySegment<double>(v, start, count).Max());

    /// <summary>
    /// The rolling volume-weighted average price <c>Σ p·v / Σ v</c> over the window; null where the window's
    /// volume is 0.
    /// </summary>
    /// <param name="prices">The price of each bar (for candles, the typical price <c>(high + low + close) / 3</c>).</param>
    /// <param name="volumes">The volume of each bar, aligned with <paramref name="prices"/>.</param>
    /// <param name="window">The window, at least 1.</param>
    /// <returns>The VWAPs.</returns>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 1.</exception>
    public static double?[] Vwap(IReadOnlyList<double> prices, IReadOnlyList<double> volumes, int window)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (prices.Count != volumes.Count)
        {
            throw new ArgumentException($"{prices.Count} prices for {volumes.Count} volumes.", nameof(volumes));
        }

        var result = new double?[prices.Count];
        for (var t = window - 1; t < prices.Count; t++)
        {
            double pv = 0, v = 0;
            for (var i = t - window + 1; i <= t; i++)
            {
                pv += prices[i] * volumes[i];
                v += volumes[i];
            }

            result[t] = v > 0 ? pv / v : null;
        }

        return result;
    }

    /// <summary>
    /// Annualised realised volatility: the sample standard deviation of the <c>window</c> log returns ending at
    /// t, times <c>√periodsPerYear</c>.
    /// </summary>
    /// <param name="logReturns">Log returns, as <see cref="LogReturns"/> gives them (index 0 is null).</param>
    /// <param name="window">Returns in the window, at least 2.</param>
    /// <param name="periodsPerYear">Bars per year, e.g. <see cref="PeriodsPerYear"/> of the bar length.</param>
    /// <returns>The volatilities, as fractions (0.2 = 20 % a year).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2 or <paramref name="periodsPerYear"/> is not positive.</exception>
    public static double?[] RealizedVolatility(IReadOnlyList<double?> logReturns, int window, double periodsPerYear)
    {
        if (!(periodsPerYear > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(periodsPerYear), periodsPerYear, "Periods per year must be positive.");
        }

        var scale = Math.Sqrt(periodsPerYear);
        return [.. StandardDeviation(logReturns, window).Select(sd => sd * scale)];
    }

    /// <summary>
    /// Bars of length <paramref name="bar"/> in a year of 365.25 days: markets that trade around the clock, as the
    /// project's sources do (so 525,960 one-minute bars and 365.25 daily bars a year).
    /// </summary>
    /// <param name="bar">The bar length.</param>
    /// <returns>365.25 days divided by the bar length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bar"/> is not positive.</exception>
    public static double PeriodsPerYear(TimeSpan bar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bar, TimeSpan.Zero);
        return DaysPerYear / bar.TotalDays;
    }

    /// <summary>The days in a year used for annualising: 365.25.</summary>
    public const double DaysPerYear = 365.25;

    private static double?[] Apply(IReadOnlyList<double?> values, int window, int minimum, Func<double[], int, int, double?> statistic)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, minimum);
        var result = new double?[values.Count];
        var run = 0; // values present in a row, ending at t
        var dense = new double[values.Count];
        for (var t = 0; t < values.Count; t++)
        {
            if (values[t] is not { } x || !double.IsFinite(x))
            {
                run = 0;
                continue;
            }

            dense[t] = x;
            run++;
            if (run >= window)
            {
                result[t] = statistic(dense, t - window + 1, window);
            }
        }

        return result;
    }

    private static double Average(double[] v, int start, int count)
    {
        var sum = 0.0;
        for (var i = start; i < start + count; i++)
        {
            sum += v[i];
        }

        return sum / count;
    }

    private static double SampleSd(double[] v, int start, int count)
    {
        var mean = Average(v, start, count);
        var ss = 0.0;
        for (var i = start; i < start + count; i++)
        {
            ss += (v[i] - mean) * (v[i] - mean);
        }

        return Math.Sqrt(ss / (count - 1));
    }
}
