namespace QuantPulse.Analytics;

/// <summary>
/// The augmented Dickey-Fuller unit-root test with statsmodels <c>adfuller</c> semantics:
/// <c>Δy_t = [α] + [β·t] + γ·y_{t−1} + Σ_{i=1..p} δ_i·Δy_{t−i} + ε_t</c>, τ = γ̂/se(γ̂).
/// </summary>
/// <remarks>
/// <para>
/// The default maximum lag is <c>⌈12·(n/100)^¼⌉</c>, capped at <c>n/2 − k − 1</c> (k deterministic terms,
/// integer division); an explicit maximum above that cap is rejected. With a lag criterion every lag count
/// 0..max is fitted on the same sample (the first <c>max</c> differences dropped) and the smallest criterion
/// wins (ties to the fewer lags); the chosen lag is then refitted on the longest sample it allows. With a fixed
/// lag <c>p</c> the regression uses observations <c>p + 1 … n − 1</c> of the differences. The trend column is
/// <c>1, 2, …</c> over the regression sample.
/// </para>
/// </remarks>
public static class AugmentedDickeyFuller
{
    /// <summary>The default maximum lag for a series of <paramref name="length"/> values.</summary>
    /// <param name="length">The number of levels.</param>
    /// <param name="regression">The deterministic terms.</param>
    /// <returns><c>min(⌈12·(n/100)^¼⌉, n/2 − k − 1)</c>.</returns>
    public static int DefaultMaxLag(int length, AdfRegression regression) =>
        Math.Min((int)Math.Ceiling(12.0 * Math.Pow(length / 100.0, 0.25)), (length / 2) - TrendTerms(regression) - 1);

    /// <summary>Runs the test.</summary>
    /// <param name="series">The levels, oldest first.</param>
    /// <param name="regression">The deterministic terms.</param>
    /// <param name="criterion">Fixed lags, or AIC/BIC lag selection.</param>
    /// <param name="maxLag">The fixed lag count, or the largest lag searched; null for <see cref="DefaultMaxLag"/>.</param>
    /// <returns>The statistic, its p-value and critical values.</returns>
    /// <exception cref="ArgumentException">The series is constant, holds a non-finite value, or is too short for the lags.</exception>
    public static AdfResult Test(IReadOnlyList<double> series, AdfRegression regression = AdfRegression.Constant, LagCriterion criterion = LagCriterion.Aic, int? maxLag = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Count;
        if (series.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("The series holds a value that is not a finite number.", nameof(series));
        }

        if (n < 2 || series.Max() == series.Min())
        {
            throw new ArgumentException("The series is constant (or has fewer than two values).", nameof(series));
        }

        var cap = (n / 2) - TrendTerms(regression) - 1;
        var max = maxLag ?? DefaultMaxLag(n, regression);
        if (max < 0 || max > cap)
        {
            throw new ArgumentException($"{n} values allow at most {Math.Max(cap, 0)} lags with regression '{Code(regression)}' (asked for {max}).", nameof(maxLag));
        }

        var diff = new double[n - 1];
        for (var i = 1; i < n; i++)
        {
            diff[i - 1] = series[i] - series[i - 1];
        }

        var lags = criterion == LagCriterion.Fixed ? max : SelectLags(series, diff, regression, criterion, max);

        var final = Regress(series, diff, regression, lags, lags);
        var statistic = final.TValue(0);
        return new AdfResult(
            statistic,
            MacKinnon.PValue(statistic, regression),
            lags,
            final.Nobs,
            regression,
            MacKinnon.Critical(regression, final.Nobs));
    }

    /// <summary>The statsmodels spelling of the deterministic terms: <c>c</c>, <c>ct</c> or <c>n</c>.</summary>
    /// <param name="regression">The terms.</param>
    /// <returns>The code.</returns>
    public static string Code(AdfRegression regression) => regression switch
    {
        AdfRegression.Constant => "c",
        AdfRegression.ConstantTrend => "ct",
        _ => "n",
    };

    /// <summary>Parses <c>c</c>, <c>ct</c> or <c>n</c> (case-insensitive).</summary>
    /// <param name="code">The text.</param>
    /// <param name="regression">The terms when the text is known.</param>
    /// <returns>Whether the text is known.</returns>
    public static bool TryParse(string? code, out AdfRegression regression)
    {
        switch (code?.ToUpperInvariant())
        {
            case "C":
                regression = AdfRegression.Constant;
                return true;
            case "CT":
                regression = AdfRegression.ConstantTrend;
                return true;
            case "N":
                regression = AdfRegression.None;
                return true;
            default:
                regression = AdfRegression.Constant;
                return false;
        }
    }

    private static int TrendTerms(AdfRegression regression) => regression switch
    {
        AdfRegression.Constant => 1,
        AdfRegression.ConstantTrend => 2,
        _ => 0,
    };

    /// <summary>
    /// The lag count 0..max with the smallest AIC/BIC, every candidate on the sample of the largest (the first
    /// <paramref name="max"/> differences dropped); ties to the fewer lags. The candidates are nested: with the
    /// columns ordered [terms, y_{t−1}, Δy_{t−1}, …, Δy_{t−max}] the model with p lags is the first
    /// <c>terms + 1 + p</c> columns, so one QR of the largest design gives every candidate's SSR.
    /// </summary>
    private static int SelectLags(IReadOnlyList<double> levels, double[] diff, AdfRegression regression, LagCriterion criterion, int max)
    {
        var full = Design(levels, diff, regression, max, max);
        var terms = TrendTerms(regression);
        var ordered = full.Skip(1 + max).Concat(full.Take(1 + max)).ToList();
        var rows = diff.Length - max;
        var ssr = LeastSquares.PrefixSsr(ordered, new ArraySegment<double>(diff, max, rows));
        var lags = 0;
        var best = double.PositiveInfinity;
        for (var p = 0; p <= max; p++)
        {
            var k = terms + 1 + p;
            var llf = -rows / 2.0 * (Math.Log(2 * Math.PI) + Math.Log(ssr[k] / rows) + 1);
            var ic = (-2 * llf) + ((criterion == LagCriterion.Aic ? 2.0 : Math.Log(rows)) * k);
            if (ic < best)
            {
                best = ic;
                lags = p;
            }
        }

        return lags;
    }

    /// <summary>Δy on [y_{t−1}, Δy_{t−1..t−p}, terms] over differences <c>trim … n − 2</c> (0-based).</summary>
    private static LinearFit Regress(IReadOnlyList<double> levels, double[] diff, AdfRegression regression, int lags, int trim) =>
        LeastSquares.Fit(Design(levels, diff, regression, lags, trim), new ArraySegment<double>(diff, trim, diff.Length - trim));

    /// <summary>The columns [y_{t−1}, Δy_{t−1..t−p}, terms] of <see cref="Regress"/>.</summary>
    private static List<double[]> Design(IReadOnlyList<double> levels, double[] diff, AdfRegression regression, int lags, int trim)
    {
        var rows = diff.Length - trim;
        var columns = new List<double[]>(lags + 3);
        var level = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            level[r] = levels[trim + r];
        }

        columns.Add(level);
        for (var l = 1; l <= lags; l++)
        {
            var lagged = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                lagged[r] = diff[trim + r - l];
            }

            columns.Add(lagged);
        }

        if (regression != AdfRegression.None)
        {
            columns.Add(LeastSquares.Constant(rows));
        }

        if (regression == AdfRegression.ConstantTrend)
        {
            var trend = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                trend[r] = r + 1;
            }

            columns.Add(trend);
        }

        return columns;
    }
}
