namespace QuantPulse.Analytics;

/// <summary>
/// Ordinary least squares on a general design matrix, solved by Householder QR (no normal equations, so a design
/// whose columns are price levels in the thousands keeps its precision).
/// </summary>
public static class LeastSquares
{
    /// <summary>Fits <c>y = X·b + e</c>, where <paramref name="columns"/> are the columns of <c>X</c>.</summary>
    /// <param name="columns">The design's columns, each as long as <paramref name="y"/>.</param>
    /// <param name="y">The dependent values.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentException">The design is empty, ragged, has no more rows than columns, or is singular.</exception>
    public static LinearFit Fit(IReadOnlyList<double[]> columns, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        var k = columns.Count;
        var (a, b, diagonal) = Decompose(columns, y, null);

        // R: diagonal on the diagonal, a[l][j] above it (l > j). Solve R·coef = (Qᵀy)[0..k).
        var coef = new double[k];
        for (var j = k - 1; j >= 0; j--)
        {
            var s = b[j];
            for (var l = j + 1; l < k; l++)
            {
                s -= a[l][j] * coef[l];
            }

            coef[j] = s / diagonal[j];
        }

        var ssr = 0.0;
        for (var i = 0; i < n; i++)
        {
            var fitted = 0.0;
            for (var j = 0; j < k; j++)
            {
                fitted += columns[j][i] * coef[j];
            }

            var e = y[i] - fitted;
            ssr += e * e;
        }

        var inverse = InverseUpper(a, diagonal);
        var sigma2 = ssr / (n - k);
        var se = new double[k];
        for (var j = 0; j < k; j++)
        {
            var s = 0.0;
            for (var l = j; l < k; l++)
            {
                s += inverse[j][l] * inverse[j][l];
            }

            se[j] = Math.Sqrt(sigma2 * s);
        }

        var hasConstant = columns.Any(c => c.All(v => v == c[0]) && c[0] != 0);
        var mean = hasConstant ? y.Average() : 0.0;
        var tss = 0.0;
        for (var i = 0; i < n; i++)
        {
            tss += (y[i] - mean) * (y[i] - mean);
        }

        return new LinearFit(coef, se, ssr, n, 1 - (ssr / tss));
    }

    /// <summary>
    /// The residual sum of squares of every leading subset of the design's columns: entry j is the SSR of the fit
    /// of <c>y</c> on the first j columns (entry 0 is Σy²), all from one Householder QR of the whole design.
    /// </summary>
    /// <param name="columns">The design's columns, each as long as <paramref name="y"/>.</param>
    /// <param name="y">The dependent values.</param>
    /// <returns><c>k + 1</c> sums of squares.</returns>
    /// <exception cref="ArgumentException">The design is empty, ragged, has no more rows than columns, or is singular.</exception>
    internal static double[] PrefixSsr(IReadOnlyList<double[]> columns, IReadOnlyList<double> y)
    {
        var ssr = new double[columns.Count + 1];
        Decompose(columns, y, ssr);
        return ssr;
    }

    /// <summary>
    /// Householder QR of the design in place of a copy: R's diagonal, R above it in the copied columns, and Qᵀy.
    /// After j reflections, (Qᵀy)[j..n) is the residual of y on the first j columns; its sum of squares goes to
    /// <paramref name="prefixSsr"/>[j] when given.
    /// </summary>
    private static (double[][] A, double[] B, double[] Diagonal) Decompose(IReadOnlyList<double[]> columns, IReadOnlyList<double> y, double[]? prefixSsr)
    {
        var n = y.Count;
        var k = columns.Count;
        if (k == 0 || n <= k || columns.Any(c => c.Length != n))
        {
            throw new ArgumentException($"A regression needs more observations than regressors (n = {n}, k = {k}) and columns of equal length.", nameof(columns));
        }

        var a = columns.Select(c => (double[])c.Clone()).ToArray();
        var b = y.ToArray();
        var diagonal = new double[k];
        var scale = 0.0;
        for (var j = 0; j < k; j++)
        {
            scale = Math.Max(scale, Math.Sqrt(SumOfSquares(columns[j], 0)));
        }

        if (prefixSsr is not null)
        {
            prefixSsr[0] = SumOfSquares(b, 0);
        }

        for (var j = 0; j < k; j++)
        {
            var column = a[j];
            var norm = Math.Sqrt(SumOfSquares(column, j));
            if (norm <= 1e-13 * scale)
            {
                throw new ArgumentException("The regressors are collinear (singular design matrix).", nameof(columns));
            }

            var alpha = column[j] > 0 ? -norm : norm;
            column[j] -= alpha;
            var vv = SumOfSquares(column, j);
            for (var l = j + 1; l < k; l++)
            {
                Reflect(column, a[l], j, vv);
            }

            Reflect(column, b, j, vv);
            diagonal[j] = alpha;
            if (prefixSsr is not null)
            {
                prefixSsr[j + 1] = SumOfSquares(b, j + 1);
            }
        }

        return (a, b, diagonal);
    }

    /// <summary>A column of ones, the intercept of a design.</summary>
    /// <param name="n">Its length.</param>
    /// <returns>The column.</returns>
    public static double[] Constant(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private static double SumOfSquares(double[] v, int from)
    {
        var s = 0.0;
        for (var i = from; i < v.Length; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    private static void Reflect(double[] v, double[] target, int from, double vv)
    {
        var s = 0.0;
        for (var i = from; i < v.Length; i++)
        {
            s += v[i] * target[i];
        }

        var f = 2 * s / vv;
        for (var i = from; i < v.Length; i++)
        {
            target[i] -= f * v[i];
        }
    }

    private static double[][] InverseUpper(double[][] a, double[] diagonal)
    {
        var k = diagonal.Length;
        var inverse = new double[k][];
        for (var r = 0; r < k; r++)
        {
            inverse[r] = new double[k];
        }

        for (var c = 0; c < k; c++)
        {
            inverse[c][c] = 1 / diagonal[c];
            for (var r = c - 1; r >= 0; r--)
            {
                var s = 0.0;
                for (var l = r + 1; l <= c; l++)
                {
                    s += a[l][r] * inverse[l][c];
                }

                inverse[r][c] = -s / diagonal[r];
            }
        }

        return inverse;
    }
}
