using QuantPulse.Model;

namespace QuantPulse.Tests.Model;

public class TimeframeTests
{
    [Theory]
    [InlineData("1s", 1)]
    [InlineData("1m", 60)]
    [InlineData("5m", 300)]
    [InlineData("15m", 900)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("4h", 14400)]
    [InlineData("1d", 86400)]
    [InlineData(" 1H ", 3600)]
    [InlineData("1D", 86400)]
    public void Parse_SupportedName_ReturnsDuration(string text, int seconds)
    {
        var tf = Timeframe.Parse(text);

        Assert.Equal(TimeSpan.FromSeconds(seconds), tf.Duration);
        Assert.Equal(text.Trim(), tf.ToString(), ignoreCase: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1M")]
    [InlineData("2m")]
    [InlineData("1w")]
    [InlineData("60")]
    [InlineData("m1")]
    public void Parse_UnsupportedName_ThrowsFormatExceptionNamingInput(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Timeframe.Parse(text));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1m", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BucketStart_FourHours_AlignsToUtcMidnightMultiples()
    {
        var t = new DateTimeOffset(2024, 1, 2, 7, 59, 59, TimeSpan.FromHours(2)); // 05:59:59Z

        Assert.Equal(new DateTimeOffset(2024, 1, 2, 4, 0, 0, TimeSpan.Zero), Timeframe.FourHours.BucketStart(t));
    }

    [Fact]
    public void BucketStart_ExactBoundary_StartsNewBucket()
    {
        var t = new DateTimeOffset(2024, 1, 2, 3, 5, 0, TimeSpan.Zero);

        Assert.Equal(t, Timeframe.FiveMinutes.BucketStart(t));
        Assert.Equal(t.AddMinutes(-5), Timeframe.FiveMinutes.BucketStart(t.AddTicks(-1)));
    }

    [Fact]
    public void DurationTicks_Default_Throws()
    {
        Assert.False(default(Timeframe).IsValid);
        Assert.Throws<InvalidOperationException>(() => default(Timeframe).DurationTicks);
    }
}
