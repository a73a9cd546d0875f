using QuantPulse.Candles;
using QuantPulse.Model;

namespace QuantPulse.Tests.Candles;

public class CandleBlockOptionsTests
{
    [Fact]
    public void Constructor_NoSettings_HasDocumentedDefaults()
    {
        var options = new CandleBlockOptions();

        Assert.Equal([Timeframe.OneMinute], options.Timeframes);
        Assert.Equal(500, options.HistoryLength);
        Assert.False(options.FillGaps);
        Assert.Equal(100_000, options.MaxGapFill);
        Assert.Equal(DuplicateTickPolicy.KeepAll, options.DuplicatePolicy);
        Assert.Equal(64, options.BoundedCapacity);
        Assert.Equal(CancellationToken.None, options.CancellationToken);
    }

    [Fact]
    public void Timeframes_UnorderedList_IsCopiedAndSortedShortestFirst()
    {
        Timeframe[] requested = [Timeframe.OneHour, Timeframe.OneMinute, Timeframe.FiveMinutes];

        var options = new CandleBlockOptions { Timeframes = requested };
        requested[0] = Timeframe.OneDay;

        Assert.Equal([Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour], options.Timeframes);
        Assert.Equal([Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.OneHour], new CandleBlock(options).Timeframes);
    }

    [Fact]
    public void Timeframes_Empty_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { Timeframes = [] });

        Assert.Equal("Timeframes", ex.ParamName);
    }

    [Fact]
    public void Timeframes_DefaultTimeframe_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { Timeframes = [Timeframe.OneMinute, default] });

        Assert.Equal("Timeframes", ex.ParamName);
    }

    [Fact]
    public void Timeframes_Repeated_ThrowsArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new CandleBlockOptions { Timeframes = [Timeframe.FiveMinutes, Timeframe.OneMinute, Timeframe.FiveMinutes] });

        Assert.Equal("Timeframes", ex.ParamName);
        Assert.Contains("5m", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeframes_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new CandleBlockOptions { Timeframes = null! });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void HistoryLength_OutOfRange_ThrowsArgumentOutOfRange(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { HistoryLength = value });

        Assert.Equal("HistoryLength", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_001)]
    public void MaxGapFill_OutOfRange_ThrowsArgumentOutOfRange(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { MaxGapFill = value });

        Assert.Equal("MaxGapFill", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void BoundedCapacity_ZeroOrUnbounded_ThrowsArgumentOutOfRange(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { BoundedCapacity = value });

        Assert.Equal("BoundedCapacity", ex.ParamName);
    }

    [Fact]
    public void DuplicatePolicy_Undefined_ThrowsArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CandleBlockOptions { DuplicatePolicy = (DuplicateTickPolicy)7 });

        Assert.Equal("DuplicatePolicy", ex.ParamName);
    }

    [Fact]
    public void Boundaries_SmallestAndLargestAllowed_AreAccepted()
    {
        var low = new CandleBlockOptions { HistoryLength = 1, MaxGapFill = 1, BoundedCapacity = 1 };
        var high = new CandleBlockOptions { HistoryLength = 1_000_000, MaxGapFill = 10_000_000, BoundedCapacity = int.MaxValue };

        Assert.Equal((1, 1, 1), (low.HistoryLength, low.MaxGapFill, low.BoundedCapacity));
        Assert.Equal((1_000_000, 10_000_000, int.MaxValue), (high.HistoryLength, high.MaxGapFill, high.BoundedCapacity));
    }
}
