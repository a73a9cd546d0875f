using System.Globalization;
using QuantPulse.Candles;
using QuantPulse.Model;
using static QuantPulse.Tests.Testing.Ticks;

namespace QuantPulse.Tests.Candles;

public class ExactDecimalTests
{
    public static TheoryData<decimal, decimal> Pairs => new()
    {
        { 1.5m, 2.25m },
        { 1.0m, 2.00m },
        { 0m, 0.000m },
        { 100m, 0.0000001m },
        { 9_223_372_036.854775807m, 0.000000001m },
        { 922_337_203_685_477_580.7m, 0.1m },
        { 1_000_000_000_000_000_000m, 1m },
        { 12345.678901234567890m, 98765.4321m },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Add_ValuesThatFit_SameBitsAsDecimalAddition(decimal left, decimal right)
    {
        var sum = ExactDecimal.Add(ExactDecimal.From(left), ExactDecimal.From(right));

        var expected = left + right;
        if (sum.IsExact)
        {
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(sum.ToDecimal()));
        }
        else
        {
            // Falling back is always allowed; it must only happen when the exact sum does not fit in 63 bits.
            Assert.True(expected * (decimal)Math.Pow(10, expected.Scale) > long.MaxValue, expected.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.0")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("9223372036854775808")]
    public void From_NegativeOrWiderThan63Bits_NotExact(string text)
    {
        Assert.False(ExactDecimal.From(decimal.Parse(text, CultureInfo.InvariantCulture)).IsExact);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.000")]
    [InlineData("1")]
    [InlineData("4294967296")]
    [InlineData("123.456789")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("9223372036854775807")]
    [InlineData("-4294967296")]
    [InlineData("18446744073709551616")]
    public void From_AnyValue_SameCoefficientAndScaleAsGetBits(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var bits = decimal.GetBits(value);
        var fits = bits[3] >= 0 && bits[2] == 0 && bits[1] >= 0;

        var exact = ExactDecimal.From(value);

        Assert.Equal(
            (fits, fits ? ((long)bits[1] << 32) | (uint)bits[0] : 0, fits ? (bits[3] >> 16) & 0xFF : 0),
            (exact.IsExact, exact.Coefficient, exact.Scale));
    }

    [Fact]
    public void From_LargestCoefficient_RoundTripsWithItsScale()
    {
        var value = 922_337_203.6854775807m;

        var exact = ExactDecimal.From(value);

        Assert.Equal((true, long.MaxValue, 10), (exact.IsExact, exact.Coefficient, exact.Scale));
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(exact.ToDecimal()));
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(3, 5, -1)]
    [InlineData(4, 4, 0)]
    public void CompareSameScale_SameScale_ComparesCoefficients(int left, int right, int expected)
    {
        Assert.Equal(expected, ExactDecimal.CompareSameScale(ExactDecimal.From(left / 10m), ExactDecimal.From(right / 10m)));
    }

    [Fact]
    public void CompareSameScale_ScalesDiffer_LeavesItToDecimal()
    {
        Assert.Null(ExactDecimal.CompareSameScale(ExactDecimal.From(1.5m), ExactDecimal.From(1.50m)));
    }

    [Fact]
    public void CandleBuilder_MixedScalesAndAHugeSize_VolumeAndPricesKeepDecimalDigits()
    {
        var builder = new CandleBuilder(new CandleBlockOptions { Timeframes = [Timeframe.OneMinute] });
        var closed = new List<ClosedCandle>();
        Tick[] ticks =
        [
            Trade("10:00:01", 100.50m, 1.0m),
            Trade("10:00:02", 100.5m, 2.00m),
            Trade("10:00:03", 99.9m, 0.125m),
            Trade("10:00:04", 99.90m, 30_000_000_000_000_000_000m),
            Trade("10:00:05", 101m, 0.5m),
            Trade("10:01:00", 101m, 1m),
        ];
        for (var i = 0; i < ticks.Length; i++)
        {
            builder.Add(in ticks[i], closed, i);
        }

        var candle = Assert.Single(closed).Candle;
        var expectedVolume = 1.0m + 2.00m + 0.125m + 30_000_000_000_000_000_000m + 0.5m;
        Assert.Equal(
            ("100.50", "101", "99.9", "101", expectedVolume.ToString(CultureInfo.InvariantCulture)),
            (Text(candle.Open), Text(candle.High), Text(candle.Low), Text(candle.Close), Text(candle.Volume)));

        static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
