namespace QuantPulse.Analytics;

/// <summary>
/// Robust regression with Huber's T norm by iteratively reweighted least squares, with statsmodels
/// <c>RLM(y, X, M=HuberT(t=1.345)).fit()</c> semantics: start from OLS; scale = MAD of the residuals about 0
/// divided by Φ⁻¹(¾); each iteration weights <c>w = min(1, c/|r/s|)</c>, refits weighted least squares and
/// re-estimates the scale; stop when the deviance <c>Σρ(r/s)</c> changes by at most 1e-8 or after 50 iterations.
/// Standard errors are statsmodels' default <c>H1</c> covariance.
/// </summary>
public static class HuberRegression
{
    /// <summary>Huber's tuning constant (95 % efficiency at the normal).</summary>
    public const double DefaultTuning = 1.345;

    private const double QuartileOfNormal = 0.6744897501960817;

    /// <summary>Fits <c>y = X·b</c> robustly.</summary>
    /// <param name="columns">The design's columns (include a column of ones for an intercept).</param>
    /// <param name="y">The dependent values.</param>
    /// <param name="tuning">Huber's <c>c</c>.</param>
    /// <param name="maxIterations">The iteration limit.</param>
    /// <param name="tolerance">The deviance change that ends the iteration.</param>
    /// <returns>The fit.</returns>
    public static RobustFit Fit(IReadOnlyList<double[]> columns, IReadOnlyList<double> y, double tuning = DefaultTuning, int maxIterations = 50, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(y);
        var ols = LeastSquares.Fit(columns, y);
        var n = y.Count;
        var k = columns.Count;
        var coef = ols.Coefficients.ToArray();
        var residuals = Residuals(columns, y, coef);
        var scale = Mad(residuals);
        var previous = Deviance(residuals, scale, tuning);
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        var iterations = 1;
        while (scale > 0)
        {
            for (var i = 0; i < n; i++)
            {
                var z = Math.Abs(residuals[i] / scale);
                weights[i] = z <= tuning ? 1.0 : tuning / z;
            }

            coef = [.. Weighted(columns, y, weights).Coefficients];
            residuals = Residuals(columns, y, coef);
            scale = Mad(residuals);
            var deviance = Deviance(residuals, scale, tuning);
            iterations++;
            var change = Math.Abs(deviance - previous);
            previous = deviance;
            if (!(change > tolerance) || iterations >= maxIterations)
            {
                break;
            }
        }

        // H1: k²·Σψ²/(n − p)·s²/m²·(XᵀX)⁻¹, m = mean ψ′, k = 1 + p/n·var(ψ′)/m².
        var psiSquares = 0.0;
        var inside = 0;
        for (var i = 0; i < n; i++)
        {
            var z = residuals[i] / scale;
            var psi = Math.Abs(z) <= tuning ? z : tuning * Math.Sign(z);
            psiSquares += psi * psi;
            inside += Math.Abs(z) <= tuning ? 1 : 0;
        }

        var m = (double)inside / n;
        var variance = m - (m * m);
        var factor = 1 + ((double)k / n * variance / (m * m));
        var unscaled = ols.Ssr / (n - k);
        var se = new double[k];
        for (var j = 0; j < k; j++)
        {
            var inverseDiagonal = ols.StandardErrors[j] * ols.StandardErrors[j] / unscaled;
            se[j] = Math.Sqrt(factor * factor * psiSquares / (n - k) * scale * scale / (m * m) * inverseDiagonal);
        }

        return new RobustFit(coef, se, scale, weights, iterations);
    }

    /// <summary>The robust hedge ratio of <c>b</c> on <c>a</c> with an intercept.</summary>
    /// <param name="a">The regressor.</param>
    /// <param name="b">The dependent series.</param>
    /// <returns>α, β, their H1 standard errors, and R² of the robust residuals against b's mean.</returns>
    public static HedgeFit HedgeRatio(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var n = Analytics.HedgeRatio.Check(a, b);
        var fit = Fit([LeastSquares.Constant(n), [.. a]], b);
        var mean = b.Average();
        double ssr = 0, tss = 0;
        for (var i = 0; i < n; i++)
        {
            var e = b[i] - fit.Coefficients[0] - (fit.Coefficients[1] * a[i]);
            ssr += e * e;
            tss += (b[i] - mean) * (b[i] - mean);
        }

        return new HedgeFit(fit.Coefficients[0], fit.Coefficients[1], 1 - (ssr / tss), fit.StandardErrors[0], fit.StandardErrors[1], n);
    }

    private static LinearFit Weighted(IReadOnlyList<double[]> columns, IReadOnlyList<double> y, double[] weights)
    {
        var roots = weights.Select(Math.Sqrt).ToArray();
        var scaled = columns.Select(c => c.Select((v, i) => v * roots[i]).ToArray()).ToArray();
        return LeastSquares.Fit(scaled, y.Select((v, i) => v * roots[i]).ToArray());
    }

    private static double[] Residuals(IReadOnlyList<double[]> columns, IReadOnlyList<double> y, double[] coef)
    {
        var residuals = new double[y.Count];
        for (var i = 0; i < residuals.Length; i++)
        {
            var fitted = 0.0;
            for (var j = 0; j < coef.Length; j++)
            {
                fitted += columns[j][i] * coef[j];
            }

            residuals[i] = y[i] - fitted;
        }

        return residuals;
    }

    private static double Mad(double[] residuals)
    {
        var sorted = residuals.Select(Math.Abs).Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return median / QuartileOfNormal;
    }

    private static double Deviance(double[] residuals, double scale, double tuning)
    {
        var sum = 0.0;
        foreach (var r in residuals)
        {
            var z = Math.Abs(r / scale);
            sum += z <= tuning ? z * z / 2 : (tuning * z) - (tuning * tuning / 2);
        }

        return sum;
    }
}
