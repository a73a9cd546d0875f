namespace QuantPulse.Analytics;

/// <summary>A mean-reversion back-test of the spread <c>b − α − β·a</c> of two aligned series.</summary>
/// <remarks>
/// The hedge ratio is fitted on the first <see cref="PairBacktestOptions.Train"/> bars and held (Kalman: the filtered
/// β, α of the previous bar, so no bar sees its own price in its hedge ratio). z_t is the spread's z-score over the
/// <c>window</c> spreads ending at t (sample σ, reaching back into the training bars). Trading happens on the bars
/// after the training bars, at each bar's close; the rules and the metric conventions are in docs/analytics.md.
/// </remarks>
public static class PairBacktest
{
    /// <summary>Runs the back-test.</summary>
    /// <param name="times">Bar times, strictly ascending.</param>
    /// <param name="a">Closes of <c>a</c>, aligned with <paramref name="times"/>.</param>
    /// <param name="b">Closes of <c>b</c>, aligned with <paramref name="times"/>.</param>
    /// <param name="options">The rules.</param>
    /// <returns>Trades, equity curve and metrics.</returns>
    /// <exception cref="ArgumentException">The series differ in length, the levels are not ordered
    /// <c>0 ≤ exit &lt; entry &lt; stop</c>, the window is below 2, or the training bars are not in [3, n − 1].</exception>
    public static PairBacktestResult Run(IReadOnlyList<DateTimeOffset> times, IReadOnlyList<double> a, IReadOnlyList<double> b, PairBacktestOptions options)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(options);
        var n = HedgeRatio.Check(a, b);
        var train = Validate(times, n, options);
        var spread = Spreads(a, b, train, options.Method, out var betas);
        var z = new double[n];
        SpreadStatistics.RollingZScores(spread, options.Window, z);

        var fee = options.FeeBps / 10_000;
        var trades = new List<PairTrade>();
        var equityTimes = new List<DateTimeOffset>(n - train + 1) { times[train - 1] };
        var equity = new List<double>(n - train + 1) { 1.0 };
        var returns = new List<double>(n - train);
        Position? open = null;
        var locked = false;
        var heldBars = 0;
        for (var t = train; t < n; t++)
        {
            var r = 0.0;
            if (open is { } p)
            {
                r += p.Sign * ((b[t] - b[t - 1]) - (p.Beta * (a[t] - a[t - 1]))) / p.Notional;
                heldBars++;
            }

            var zt = z[t];
            if (open is { } q)
            {
                var reason = Math.Abs(zt) >= options.Stop ? PairExitReason.Stop
                    : Math.Abs(zt) < options.Exit ? PairExitReason.Exit
                    : options.MaxBars is { } max && t - q.Index >= max ? PairExitReason.MaxBars
                    : t == n - 1 ? PairExitReason.End
                    : (PairExitReason?)null;
                if (reason is { } why)
                {
                    var exitFee = fee * (b[t] + (Math.Abs(q.Beta) * a[t]));
                    r -= exitFee / q.Notional;
                    var pnl = (q.Sign * ((b[t] - b[q.Index]) - (q.Beta * (a[t] - a[q.Index])))) - q.EntryFee - exitFee;
                    trades.Add(new PairTrade(times[q.Index], times[t], q.Sign > 0 ? SpreadDirection.Long : SpreadDirection.Short, z[q.Index], zt, why, pnl, q.Notional, t - q.Index));
                    locked = why == PairExitReason.Stop;
                    open = null;
                }
            }
            else if (locked)
            {
                locked = !(Math.Abs(zt) < options.Exit);
            }
            else if (t < n - 1 && Math.Abs(zt) > options.Entry && Math.Abs(zt) < options.Stop)
            {
                var beta = betas[t];
                var notional = b[t] + (Math.Abs(beta) * a[t]);
                open = new Position(t, zt > 0 ? -1 : 1, beta, notional, fee * notional);
                r -= fee;
            }

            returns.Add(r);
            equityTimes.Add(times[t]);
            equity.Add(equity[^1] + r);
        }

        return new PairBacktestResult(trades, equityTimes, equity, Measure(times, trades, equity, returns, heldBars));
    }

    private static int Validate(IReadOnlyList<DateTimeOffset> times, int n, PairBacktestOptions options)
    {
        if (times.Count != n)
        {
            throw new ArgumentException($"{times.Count} times for {n} bars.", nameof(times));
        }

        for (var i = 1; i < n; i++)
        {
            if (times[i] <= times[i - 1])
            {
                throw new ArgumentException($"Time {i} is not after time {i - 1}.", nameof(times));
            }
        }

        if (!(options.Exit >= 0 && options.Exit < options.Entry && options.Entry < options.Stop))
        {
            throw new ArgumentException($"The levels must satisfy 0 ≤ exit < entry < stop (exit {options.Exit}, entry {options.Entry}, stop {options.Stop}).", nameof(options));
        }

        if (options.Window < 2 || !(options.FeeBps >= 0) || options.MaxBars is < 1)
        {
            throw new ArgumentException("The window must be at least 2, the fee not negative and max-bars at least 1.", nameof(options));
        }

        var train = options.Train ?? (n / 3);
        return train >= 3 && train < n
            ? train
            : throw new ArgumentException($"{n} bars with {train} training bars: training needs at least 3 bars and at least one bar must follow it.", nameof(options));
    }

    // The spread of every bar with the hedge ratio it may know: the training fit, or Kalman's previous-bar state
    // (NaN before the filter identifies β and α).
    private static double[] Spreads(IReadOnlyList<double> a, IReadOnlyList<double> b, int train, HedgeMethod method, out double[] betas)
    {
        var n = a.Count;
        var spread = new double[n];
        betas = new double[n];
        if (method == HedgeMethod.Kalman)
        {
            var path = KalmanHedge.Filter(a, b);
            spread[0] = double.NaN;
            betas[0] = double.NaN;
            for (var t = 1; t < n; t++)
            {
                var step = path[t - 1];
                betas[t] = step?.Beta ?? double.NaN;
                spread[t] = step is { } s ? b[t] - s.Alpha - (s.Beta * a[t]) : double.NaN;
            }

            return spread;
        }

        var fit = HedgeRatio.Fit(method, a.Take(train).ToArray(), b.Take(train).ToArray());
        Array.Fill(betas, fit.Beta);
        return fit.Spread(a, b);
    }

    private static PairMetrics Measure(IReadOnlyList<DateTimeOffset> times, List<PairTrade> trades, List<double> equity, List<double> returns, int heldBars)
    {
        var intervals = new double[times.Count - 1];
        for (var i = 1; i < times.Count; i++)
        {
            intervals[i - 1] = (times[i] - times[i - 1]).TotalDays;
        }

        var median = Median(intervals);
        return PerformanceMeasures.Compute(equity, returns, [.. trades.Select(t => t.Pnl)], RollingStatistics.DaysPerYear / median, heldBars / (double)returns.Count);
    }

    // The median by selection (Hoare's quickselect, expected O(n)); reorders the array.
    internal static double Median(double[] values)
    {
        var upper = Select(values, values.Length / 2);
        if (values.Length % 2 == 1)
        {
            return upper;
        }

        // After selecting k, everything left of k is ≤ values[k]: the lower middle is the largest of them.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < values.Length / 2; i++)
        {
            lower = Math.Max(lower, values[i]);
        }

        return (lower + upper) / 2;
    }

    private static double Select(double[] values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private readonly record struct Position(int Index, int Sign, double Beta, double Notional, double EntryFee);
}
