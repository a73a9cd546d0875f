namespace QuantPulse.Sources.Simulated;

/// <summary>
/// <c>exp</c> and <c>log</c> built only from IEEE-754 additions, multiplications, divisions and exact scaling.
/// </summary>
/// <remarks>
/// <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/> call the platform's C library, whose last bit may differ
/// between operating systems, processors and runtime versions. The simulated market must produce the same ticks
/// from the same seed everywhere, so it uses these instead: every operation here is correctly rounded by IEEE-754
/// (the runtime does not fuse multiplications and additions on its own), hence bit-identical on every machine.
/// Accuracy is within a few units in the last place, far below the price resolution.
/// </remarks>
internal static class PortableMath
{
    // fdlibm's split of ln 2: the high part has trailing zero bits, so k * Ln2Hi is exact for |k| < 2^11.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    // 1/n! for n = 0..13: with |r| <= ln2/2 the first omitted term is below 1e-17.
    private static readonly double[] ExpCoefficients =
    [
        1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
        1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800,
    ];

    // 1/(2j+1) for j = 0..11: with |s| < 0.1716 the first omitted term is below 1e-19.
    private static readonly double[] LogCoefficients =
    [
        1.0, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23,
    ];

    /// <summary>e raised to <paramref name="x"/>.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        if (x < -745.0)
        {
            return 0.0;
        }

        // x = k ln2 + r with |r| <= ln2/2, exp(x) = 2^k exp(r); exp(r) by Horner's rule on its Taylor series.
        var k = Math.Round(x * InvLn2);
        var r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        var p = ExpCoefficients[^1];
        for (var n = ExpCoefficients.Length - 2; n >= 0; n--)
        {
            p = (p * r) + ExpCoefficients[n];
        }

        return Math.ScaleB(p, (int)k);
    }

    /// <summary>The natural logarithm of <paramref name="x"/> (NaN when negative, -∞ at zero).</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0.0)
        {
            return double.NaN;
        }

        if (x == 0.0)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return x;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var bias = 1023;
        if (((bits >> 52) & 0x7FF) == 0)
        {
            // Subnormal: scale by 2^54 into the normal range first (exact).
            bits = BitConverter.DoubleToInt64Bits(x * 18014398509481984.0);
            bias += 54;
        }

        // x = m 2^e with m in (sqrt(2)/2, sqrt(2)]; log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m-1)/(m+1).
        var m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        var e = (int)((bits >> 52) & 0x7FF) - bias;
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1.0) / (m + 1.0);
        var s2 = s * s;
        var series = LogCoefficients[^1];
        for (var j = LogCoefficients.Length - 2; j >= 0; j--)
        {
            series = (series * s2) + LogCoefficients[j];
        }

        return (e * Ln2Hi) + ((e * Ln2Lo) + (2.0 * s * series));
    }
}
