using System.Globalization;
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
}
