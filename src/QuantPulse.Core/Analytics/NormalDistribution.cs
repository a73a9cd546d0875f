namespace QuantPulse.Analytics;

/// <summary>The standard normal distribution function, to about 1e-15.</summary>
internal static class NormalDistribution
{
    /// <summary>Φ(x) = erfc(−x/√2)/2.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>The complementary error function: a Taylor series of erf for |z| &lt; 3, a continued fraction beyond.</summary>
    public static double Erfc(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        if (Math.Abs(z) < 3)
        {
            return 1 - Erf(z);
        }

        return z > 0 ? ContinuedFraction(z) : 2 - ContinuedFraction(-z);
    }

    private static double Erf(double z)
    {
        // erf(z) = 2/√π · Σ (−1)ⁿ z^(2n+1) / (n!·(2n+1))
        var term = z;
        var sum = z;
        var z2 = z * z;
        for (var n = 1; n < 200; n++)
        {
            term *= -z2 / n;
            var add = term / ((2 * n) + 1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }

        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    private static double ContinuedFraction(double z)
    {
        // erfc(z) = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), evaluated backwards.
        var f = z;
        for (var n = 120; n >= 1; n--)
        {
            f = z + (n / 2.0 / f);
        }

        return Math.Exp(-z * z) / Math.Sqrt(Math.PI) / f;
    }
}
