using System.Globalization;
using System.Text;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvNumberTests
{
    [Theory]
    [InlineData("1485.31", "1485.31")]
    [InlineData("1485.30", "1485.30")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("+7", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("007.250", "7.250")]
    [InlineData(" 42 ", "42")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("12345678901234567890.5", "12345678901234567890.5")]
    [InlineData("1e3", "1000")]
    [InlineData("2.5E-2", "0.025")]
    [InlineData("0.1234567890123456789012345678", "0.1234567890123456789012345678")]
    public void TryParse_ValidNumber_IsExactAndKeepsScale(string text, string expected)
    {
        Assert.True(CsvNumber.TryParse(text, out var value));

        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("NaN")]
    [InlineData("1 000")]
    public void TryParse_NotANumber_ReturnsFalse(string text)
    {
        Assert.False(CsvNumber.TryParse(text, out _));
    }

    [Theory]
    [InlineData("NaN", true)]
    [InlineData("-inf", true)]
    [InlineData("Infinity", true)]
    [InlineData("+INF", true)]
    [InlineData("abc", false)]
    [InlineData("1", false)]
    public void IsNonFinite_Spellings_Detected(string text, bool expected)
    {
        Assert.Equal(expected, CsvNumber.IsNonFinite(text));
    }

    [Theory]
    [InlineData("1485.31")]
    [InlineData("1485.30")]
    [InlineData("-0.5")]
    [InlineData("+7")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("007.250")]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0")]
    [InlineData("-0.000")]
    [InlineData("999999999999999")]
    [InlineData("0.0000000123456789012345")]  // 22 decimals, 15 significant digits
    [InlineData("0.000000000000000000001")]
    [InlineData("1234567890.12345")]
    public void TryParseDouble_FixedPoint_EqualsDecimalConvertedBitwise(string text)
    {
        Assert.True(CsvNumber.TryParseFixed(text.AsSpan(), out var exact));
        Assert.True(CsvNumber.TryParseDouble(Encoding.UTF8.GetBytes(text), out var value));

        Assert.Equal(BitConverter.DoubleToInt64Bits((double)exact), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("1e3")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("∞")]
    [InlineData("1234567890123456")]             // 16 significant digits: may share a double with a neighbour
    [InlineData("0.12345678901234567890123")]    // 23 decimals: 10^23 is not exact in a double
    public void TryParseDouble_OutsideTheExactForm_LeftToTheDecimalParsers(string text)
    {
        Assert.False(CsvNumber.TryParseDouble(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParseDouble_MillionsOfRandomNumbers_EqualDecimalConvertedBitwise()
    {
        // Random mantissas of 1..19 digits with 0..28 decimals, signs and leading zeros: wherever the double parser
        // answers, its double is the decimal's converted; and it answers for every number of up to 15 significant
        // digits and 22 decimals.
        var random = new Random(12);
        var text = new StringBuilder();
        var answered = 0;
        for (var n = 0; n < 2_000_000; n++)
        {
            text.Clear();
            text.Append(random.Next(4) switch { 0 => "-", 1 => "+", _ => "" });
            text.Append('0', random.Next(3) == 0 ? random.Next(1, 3) : 0);
            var digits = random.Next(1, 20);
            for (var d = 0; d < digits; d++)
            {
                text.Append((char)('0' + random.Next(d == 0 && random.Next(2) == 0 ? 1 : 0, 10)));
            }

            var scale = Math.Min(random.Next(2) == 0 ? random.Next(0, 6) : random.Next(0, 29), digits);
            if (scale > 0)
            {
                text.Insert(text.Length - scale, '.');
            }

            var utf8 = Encoding.UTF8.GetBytes(text.ToString());
            Assert.True(CsvNumber.TryParseFixed<byte>(utf8, out var exact), text.ToString());
            var significant = text.ToString().TrimStart('-', '+').Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length;
            if (CsvNumber.TryParseDouble(utf8, out var value))
            {
                answered++;
                Assert.True(BitConverter.DoubleToInt64Bits((double)exact) == BitConverter.DoubleToInt64Bits(value), text.ToString());
            }
            else
            {
                Assert.True(significant > 15 || exact.Scale > 22, $"{text} was not answered");
            }
        }

        Assert.True(answered > 500_000, $"only {answered} answered");
    }
}
