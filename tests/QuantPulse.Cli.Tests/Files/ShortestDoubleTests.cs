using System.Globalization;
using System.Numerics;
using System.Text;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli.Tests.Files;

public class ShortestDoubleTests
{
    public static TheoryData<double> EdgeValues =>
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1.0 / 256, Math.BitDecrement(1.0 / 256), Math.BitIncrement(1.0 / 256),
        1e15, Math.BitDecrement(1e15), Math.BitIncrement(1e15), 1e14, 123456789012345.67,
        1e-5, 0.0001, 0.001, 0.01, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.5, 1.5, -1.5, 1, -1, 2, 3, 10, 100,
        99.99999999999999, 100 - 1e-13, 54.88776224760468, 997.1071612902535, -0.000123, 4503599627370495.5,
        1125899906842624.0, 562949953421311.5, 9007199254740993.0, 1e-300, 1e300,
    ];

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void Format_EdgeValue_SameBytesAsRuntime(double value) => AssertSameAsRuntime(value);

    [Fact]
    public void Format_RandomBitPatterns_SameBytesAsRuntime()
    {
        var random = new Random(12);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 200_000; i++)
        {
            random.NextBytes(bits);
            AssertSameAsRuntime(BitConverter.ToDouble(bits));
        }
    }

    [Fact]
    public void Format_RandomValuesAcrossTheFastRange_SameBytesAsRuntimeAndMostlyFast()
    {
        var random = new Random(34);
        var fast = 0;
        const int Count = 1_000_000;
        for (var i = 0; i < Count; i++)
        {
            // Log-uniform over 2^-10 .. 2^52 (a little beyond the fast range on both sides), either sign.
            var value = Math.Pow(2, -10 + (random.NextDouble() * 62)) * (random.Next(2) == 0 ? 1 : -1);
            fast += AssertSameAsRuntime(value) ? 1 : 0;
        }

        Assert.True(fast > Count * 9 / 10, $"only {fast} of {Count} values took the fast path");
    }

    [Fact]
    public void Format_ShortDecimalsAndTheirNeighbours_SameBytesAsRuntime()
    {
        // Prices and levels as CSV files hold them (few decimals), the doubles next to them, and sums of them:
        // the values whose shortest form is short and where a wrong rounding of the last digit would show.
        var random = new Random(56);
        for (var i = 0; i < 200_000; i++)
        {
            var decimals = random.Next(0, 9);
            var value = random.NextInt64(1, 100_000_000_000) / Math.Pow(10, decimals);
            AssertSameAsRuntime(value);
            AssertSameAsRuntime(Math.BitIncrement(value));
            AssertSameAsRuntime(Math.BitDecrement(value));
            AssertSameAsRuntime(value + (random.Next(1, 1000) / 100.0));
            AssertSameAsRuntime(value * 0.1);
        }
    }

    [Fact]
    public void Format_IndicatorLikeSeries_SameBytesAsRuntime()
    {
        // An EMA and an RSI over a random walk: the arithmetic that produces the CLI's indicator columns.
        var random = new Random(78);
        double close = 1000, ema = 1000, gain = 0, loss = 0;
        const double K = 2.0 / 21;
        for (var i = 0; i < 300_000; i++)
        {
            var next = Math.Round(close + ((random.NextDouble() - 0.5) * 2), 2);
            var change = next - close;
            close = next;
            ema += K * (close - ema);
            gain = ((gain * 13) + Math.Max(change, 0)) / 14;
            loss = ((loss * 13) + Math.Max(-change, 0)) / 14;
            AssertSameAsRuntime(ema);
            AssertSameAsRuntime(loss > 0 ? 100 * gain / (gain + loss) : 100);
            AssertSameAsRuntime(ema - close);
        }
    }

    [Fact]
    public void TryFormatFast_LeftToTheRuntime_ZeroNaNPowersOfTwoAndOutOfRange()
    {
        Span<byte> buffer = stackalloc byte[ShortestDouble.MaxLength];
        foreach (var value in new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, 1.0, 0.5, 1024.0, 1e15, 1e-3, 1e300 })
        {
            Assert.False(ShortestDouble.TryFormatFast(value, buffer, out _), value.ToString("R", CultureInfo.InvariantCulture));
        }

        Assert.True(ShortestDouble.TryFormatFast(997.1071612902535, buffer, out var written));
        Assert.Equal("997.1071612902535", Encoding.UTF8.GetString(buffer[..written]));
    }

    [Fact]
    public void GuaranteedDecimals_EveryShift_FewestDecimalsWhosePowerOfTenExceedsTwoToTheShift()
    {
        var table = ShortestDouble.GuaranteedDecimals;
        Assert.Equal(61, table.Length);
        for (var shift = 0; shift < table.Length; shift++)
        {
            var j = table[shift];
            Assert.True(BigInteger.Pow(10, j) > BigInteger.Pow(2, shift), $"shift {shift}: 10^{j} is not above 2^{shift}");
            Assert.True(BigInteger.Pow(10, j - 1) <= BigInteger.Pow(2, shift), $"shift {shift}: 10^{j - 1} is already above 2^{shift}");
        }
    }

    // Formats with both the fast path (when it takes the value) and Format; returns whether the fast path took it.
    private static bool AssertSameAsRuntime(double value)
    {
        var expected = value.ToString(CultureInfo.InvariantCulture);
        Span<byte> buffer = stackalloc byte[ShortestDouble.MaxLength];
        var written = ShortestDouble.Format(value, buffer);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
        if (!ShortestDouble.TryFormatFast(value, buffer, out written))
        {
            return false;
        }

        var fast = Encoding.UTF8.GetString(buffer[..written]);
        if (fast != expected)
        {
            Assert.Fail($"{value:R} (bits {BitConverter.DoubleToUInt64Bits(value):X16}): fast path wrote {fast}, the runtime {expected}");
        }

        return true;
    }
}
