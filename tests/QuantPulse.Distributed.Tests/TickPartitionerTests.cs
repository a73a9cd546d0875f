using QuantPulse.Distributed.Internal;
using QuantPulse.Model;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Tests;

public sealed class TickPartitionerTests
{
    [Theory]
    [InlineData("SIM_004", 8, 7)]
    [InlineData("SIM_013", 8, 7)]
    [InlineData("BTCUSDT", 1, 0)]
    public void PartitionOf_KnownSymbol_IsTheFnv1aValue(string symbol, int partitions, int expected) =>
        Assert.Equal(expected, TickPartitioner.PartitionOf(symbol, partitions));

    [Fact]
    public void PartitionOf_ZeroPartitions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TickPartitioner.PartitionOf("X", 0));

    [Fact]
    public void TryDecode_EncodedTick_GivesTheSameTick()
    {
        var tick = new Tick("EURUSD", new DateTimeOffset(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero), 1.08450m, 2.50m, "deriv")
        {
            Bid = 1.08440m,
            Ask = 1.08460m,
            Side = AggressorSide.Sell,
        };

        Assert.True(TickEntry.TryDecode(new StreamEntry("1-0", TickEntry.Encode(tick)), out var decoded));
        Assert.Equal(tick, decoded);
        Assert.Equal("1.08450", decoded.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("p", "abc")]
    [InlineData("p", "-1")]
    [InlineData("t", "x")]
    public void TryDecode_BadField_IsRejected(string field, string value)
    {
        var fields = TickEntry.Encode(new Tick("EURUSD", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), 1m, 1m, "deriv"))
            .Select(f => f.Name == field ? new NameValueEntry(field, value) : f)
            .ToArray();

        Assert.False(TickEntry.TryDecode(new StreamEntry("1-0", fields), out _));
    }
}
