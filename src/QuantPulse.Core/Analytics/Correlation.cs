namespace QuantPulse.Analytics;

/// <summary>Correlation between two series.</summary>
public static class Correlation
{
    /// <summary>
    /// The Pearson correlation of two equally long series: <c>Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²)</c>;
    /// NaN when either series is constant.
    /// </summary>
    /// <param name="x">The first series.</param>
    /// <param name="y">The second series, as long as <paramref name="x"/> (at least 2 values).</param>
    /// <returns>The correlation, in [−1, 1].</returns>
    /// <exception cref="ArgumentException">The series differ in length or have fewer than 2 values.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2)
        {
            throw new ArgumentException($"The series must be equally long with at least 2 values (got {x.Count} and {y.Count}).", nameof(y));
        }

        var meanX = x.Average();
        var meanY = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>
    /// The Pearson correlation of the <paramref name="window"/> aligned pairs ending at each index; null until the
    /// window is full, where a value in the window is null or not finite, and where either side is constant.
    /// </summary>
    /// <param name="x">The first series.</param>
    /// <param name="y">The second series, as long as <paramref name="x"/>.</param>
    /// <param name="window">The window, at least 2.</param>
    /// <returns>One correlation per index.</returns>
    /// <exception cref="ArgumentException">The series differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is below 2.</exception>
    public static double?[] Rolling(IReadOnlyList<double?> x, IReadOnlyList<double?> y, int window)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"The series must be equally long (got {x.Count} and {y.Count}).", nameof(y));
        }

        var result = new double?[x.Count];
        var run = 0;
        for (var t = 0; t < x.Count; t++)
        {
            run = x[t] is { } a && y[t] is { } b && double.IsFinite(a) && double.IsFinite(b) ? run + 1 : 0;
            if (run >= window)
            {
                var r = Pearson(Window(x, t, window), Window(y, t, window));
                result[t] = double.IsNaN(r) ? null : r;
            }
        }

        return result;
    }

    /// <summary>
    /// The Pearson correlation matrix of equally long series: entry [i][j] is the correlation of series i and j
    /// (1 on the diagonal unless the series is constant, NaN where either series is constant).
    /// </summary>
    /// <param name="series">The series, each with at least 2 values and all equally long.</param>
    /// <returns>A symmetric matrix, one row per series.</returns>
    /// <exception cref="ArgumentException">The series differ in length or have fewer than 2 values.</exception>
    public static double[][] Matrix(IReadOnlyList<IReadOnlyList<double>> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var k = series.Count;
        var matrix = new double[k][];
        for (var i = 0; i < k; i++)
        {
            matrix[i] = new double[k];
        }

        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                matrix[i][j] = matrix[j][i] = Pearson(series[i], series[j]);
            }
        }

        return matrix;
    }

    private static double[] Window(IReadOnlyList<double?> values, int end, int window)
    {
        var slice = new double[window];
        for (var i = 0; i < window; i++)
        {
            slice[i] = values[end - window + 1 + i]!.Value;
        }

        return slice;
    }
}
