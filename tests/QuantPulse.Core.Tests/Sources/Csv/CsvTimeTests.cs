using QuantPulse.Sources.Csv;

namespace QuantPulse.Tests.Sources.Csv;

public class CsvTimeTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02t03:04:05z", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.1230000Z")]
    [InlineData("2024-01-02T03:04:05.1234567Z", "2024-01-02T03:04:05.1234567Z")]
    [InlineData("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.1234567Z")]
    [InlineData("2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T01:34:05-0130", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T00:04:05-03", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02T03:04:05", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02 03:04:05", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-01-02 03:04", "2024-01-02T03:04:00.0000000Z")]
    [InlineData("2024-01-02", "2024-01-02T00:00:00.0000000Z")]
    [InlineData("  2024-01-02T03:04:05Z ", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000Z")]
    [InlineData("1704164645", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("1704164645.25", "2024-01-02T03:04:05.2500000Z")]
    [InlineData("+1704164645", "2024-01-02T03:04:05.0000000Z")]
    [InlineData("1704164645123", "2024-01-02T03:04:05.1230000Z")]
    [InlineData("1704164645123.5", "2024-01-02T03:04:05.1235000Z")]
    [InlineData("99999999999", "5138-11-16T09:46:39.0000000Z")]
    [InlineData("100000000000", "1973-03-03T09:46:40.0000000Z")]
    [InlineData("-86400", "1969-12-31T00:00:00.0000000Z")]
    [InlineData("0", "1970-01-01T00:00:00.0000000Z")]
    public void TryParse_SupportedForm_ReturnsUtcInstant(string text, string expected)
    {
        Assert.True(CsvTime.TryParse(text, out var time));

        Assert.Equal(TimeSpan.Zero, time.Offset);
        Assert.Equal(expected, time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-01-02T24:00:00Z")]
    [InlineData("2024-01-02T03:60")]
    [InlineData("2024-01-02T03:04:60Z")]
    [InlineData("2024-01-02T03")]
    [InlineData("2024-01-02X03:04")]
    [InlineData("2024-01-02T03:04:05.Z")]
    [InlineData("2024-01-02T03:04:05+15:00")]
    [InlineData("2024-01-02T03:04:05+02:0")]
    [InlineData("2024-01-02T03:04:05 Z")]
    [InlineData("2024/01/02")]
    [InlineData("01/02/2024")]
    [InlineData("1.7e9")]
    [InlineData("12.3.4")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999999999")]
    public void TryParse_UnsupportedOrInvalid_ReturnsFalse(string text)
    {
        Assert.False(CsvTime.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0L, "2024-01-02T03:04:05Z")]
    [InlineData(1_230_000L, "2024-01-02T03:04:05.123Z")]
    [InlineData(1_234_560L, "2024-01-02T03:04:05.123456Z")]
    [InlineData(1_234_567L, "2024-01-02T03:04:05.1234567Z")]
    [InlineData(5_000_000L, "2024-01-02T03:04:05.500Z")]
    [InlineData(10L, "2024-01-02T03:04:05.000001Z")]
    [InlineData(1L, "2024-01-02T03:04:05.0000001Z")]
    public void Format_Fraction_UsesFewestDigitsThatRoundTrip(long fractionTicks, string expected)
    {
        var time = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(fractionTicks);
        Span<char> buffer = stackalloc char[CsvTime.MaxFormattedLength];

        var text = buffer[..CsvTime.Format(time, buffer)].ToString();

        Assert.Equal(expected, text);
        Assert.True(CsvTime.TryParse(text, out var back));
        Assert.Equal(time, back);
    }

    [Fact]
    public void Format_NonUtcOffset_WritesUtc()
    {
        var time = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));
        Span<char> buffer = stackalloc char[CsvTime.MaxFormattedLength];

        Assert.Equal("2024-01-02T03:04:05Z", buffer[..CsvTime.Format(time, buffer)].ToString());
    }

    [Fact]
    public void Format_LongestValue_FitsMaxLength()
    {
        Span<char> buffer = stackalloc char[CsvTime.MaxFormattedLength];

        Assert.Equal(28, CsvTime.Format(DateTimeOffset.MaxValue, buffer));
    }
}
