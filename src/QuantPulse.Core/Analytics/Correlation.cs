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
}
