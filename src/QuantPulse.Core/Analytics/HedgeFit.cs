namespace QuantPulse.Analytics;

/// <summary>A hedge ratio of <c>b</c> on <c>a</c>: <c>b = α + β·a</c>.</summary>
/// <param name="Alpha">The intercept α.</param>
/// <param name="Beta">The hedge ratio β.</param>
/// <param name="RSquared">R² of the fit (for a robust fit, of its final weighted residuals against b's mean).</param>
/// <param name="SeAlpha">The standard error of α.</param>
/// <param name="SeBeta">The standard error of β.</param>
/// <param name="N">The observations.</param>
public sealed record HedgeFit(double Alpha, double Beta, double RSquared, double SeAlpha, double SeBeta, int N)
{
    /// <summary>The spread <c>b − α − β·a</c> of each aligned pair.</summary>
    /// <param name="a">The regressor series.</param>
    /// <param name="b">The dependent series.</param>
    /// <returns>The spreads.</returns>
    public double[] Spread(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var spread = new double[Math.Min(a.Count, b.Count)];
        for (var i = 0; i < spread.Length; i++)
        {
            spread[i] = b[i] - Alpha - (Beta * a[i]);
        }

        return spread;
    }
}
