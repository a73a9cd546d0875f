namespace QuantPulse.Analytics;

/// <summary>
/// MacKinnon's response surfaces for the Dickey-Fuller τ statistic: approximate p-values from MacKinnon (1994)
/// and finite-sample critical values from MacKinnon (2010), for <c>N</c> = 1 (ADF) and <c>N</c> = 2
/// (Engle-Granger with two series), the coefficients statsmodels' <c>adfvalues</c> uses.
/// </summary>
/// <remarks>
/// MacKinnon, J.G. (1994), "Approximate asymptotic distribution functions for unit-root and cointegration tests",
/// JBES 12(2), 167–176; MacKinnon, J.G. (2010), "Critical values for cointegration tests", Queen's Economics
/// Department Working Paper 1227. The no-constant critical values (N = 1 only) come from MacKinnon (1996).
/// </remarks>
public static class MacKinnon
{
    // Per regression, per N − 1: τ*, τmin, τmax (p = 1 above τmax, 0 below τmin).
    private static readonly double[][] TauStar = [[-1.61, -2.62], [-2.89, -3.19], [-1.04, -1.53]];
    private static readonly double[][] TauMin = [[-18.83, -18.86], [-16.18, -21.15], [-19.04, -19.62]];
    private static readonly double[][] TauMax = [[2.74, 0.92], [0.7, 0.63], [double.PositiveInfinity, 1.51]];

    // Left tail (τ ≤ τ*): Φ(c0 + c1·τ + c2·τ²); right: Φ(c0 + c1·τ + c2·τ² + c3·τ³).
    private static readonly double[][][] SmallP =
    [
        [[2.1659, 1.4412, 3.8269e-2], [2.92, 1.5012, 3.9796e-2]],
        [[3.2512, 1.6047, 4.9588e-2], [3.6646, 1.5419, 3.6448e-2]],
        [[0.6344, 1.2378, 3.2496e-2], [1.9129, 1.3857, 3.5322e-2]],
    ];

    private static readonly double[][][] LargeP =
    [
        [[1.7339, 9.3202e-1, -1.2745e-1, -1.0368e-2], [2.1945, 6.4695e-1, -2.9198e-1, -4.2377e-2]],
        [[2.5261, 6.1654e-1, -3.7956e-1, -6.0285e-2], [2.85, 5.272e-1, -3.6622e-1, -5.1695e-2]],
        [[0.4797, 9.3557e-1, -0.6999e-1, 3.3066e-2], [1.5578, 8.558e-1, -2.083e-1, -3.3549e-2]],
    ];

    // Per regression, per N − 1, per level (1 %, 5 %, 10 %): c0 + c1/T + c2/T² + c3/T³.
    private static readonly double[][][][] Crit2010 =
    [
        [
            [[-3.43035, -6.5393, -16.786, -79.433], [-2.86154, -2.8903, -4.234, -40.040], [-2.56677, -1.5384, -2.809, 0]],
            [[-3.89644, -10.9519, -33.527, 0], [-3.33613, -6.1101, -6.823, 0], [-3.04445, -4.2412, -2.720, 0]],
        ],
        [
            [[-3.95877, -9.0531, -28.428, -134.155], [-3.41049, -4.3904, -9.036, -45.374], [-3.12705, -2.5856, -3.925, -22.380]],
            [[-4.32762, -15.4387, -35.679, 0], [-3.78057, -9.5106, -12.074, 0], [-3.49631, -7.0815, -7.538, 21.892]],
        ],
        [
            [[-2.56574, -2.2358, -3.627, 0], [-1.94100, -0.2686, -3.365, 31.223], [-1.61682, 0.2656, -2.714, 25.364]],
        ],
    ];

    /// <summary>MacKinnon's (1994) approximate p-value of a τ statistic (statsmodels <c>mackinnonp</c>).</summary>
    /// <param name="statistic">The τ statistic.</param>
    /// <param name="regression">The deterministic terms of the regression.</param>
    /// <param name="series">N: 1 for ADF, 2 for Engle-Granger on two series.</param>
    /// <returns>The p-value in [0, 1]; NaN for a NaN statistic.</returns>
    public static double PValue(double statistic, AdfRegression regression, int series = 1)
    {
        var r = (int)regression;
        var i = Index(series);
        if (double.IsNaN(statistic))
        {
            return double.NaN;
        }

        if (statistic > TauMax[r][i])
        {
            return 1.0;
        }

        if (statistic < TauMin[r][i])
        {
            return 0.0;
        }

        var coefficients = statistic <= TauStar[r][i] ? SmallP[r][i] : LargeP[r][i];
        return NormalDistribution.Cdf(Polynomial(coefficients, statistic));
    }

    /// <summary>MacKinnon's (2010) critical values for a sample of <paramref name="nobs"/> (statsmodels <c>mackinnoncrit</c>).</summary>
    /// <param name="regression">The deterministic terms.</param>
    /// <param name="nobs">The sample size <c>T</c>; <see cref="double.PositiveInfinity"/> for the asymptotic values.</param>
    /// <param name="series">N: 1 or 2 (2 is not tabulated without a constant).</param>
    /// <returns>The 1 %, 5 % and 10 % critical values.</returns>
    public static CriticalValues Critical(AdfRegression regression, double nobs, int series = 1)
    {
        var table = Crit2010[(int)regression];
        var i = Index(series);
        if (i >= table.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(series), series, "MacKinnon (2010) gives no-constant critical values for N = 1 only.");
        }

        var inverse = double.IsPositiveInfinity(nobs) ? 0 : 1 / nobs;
        return new CriticalValues(
            Polynomial(table[i][0], inverse),
            Polynomial(table[i][1], inverse),
            Polynomial(table[i][2], inverse));
    }

    private static int Index(int series) => series is 1 or 2
        ? series - 1
        : throw new ArgumentOutOfRangeException(nameof(series), series, "Only N = 1 (ADF) and N = 2 (Engle-Granger) are tabulated.");

    private static double Polynomial(double[] coefficients, double x)
    {
        var value = 0.0;
        for (var j = coefficients.Length - 1; j >= 0; j--)
        {
            value = (value * x) + coefficients[j];
        }

        return value;
    }
}
