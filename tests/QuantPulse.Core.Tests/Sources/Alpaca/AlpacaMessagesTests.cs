using QuantPulse.Model;
using QuantPulse.Sources.Alpaca;
using QuantPulse.Sources.Live;

namespace QuantPulse.Tests.Sources.Alpaca;

public class AlpacaMessagesTests
{
    [Theory]
    [InlineData("2021-02-22T15:51:44.208Z", 1_614_009_104_208_000_000L)]
    [InlineData("2021-02-22T15:51:44.208123456Z", 1_614_009_104_208_123_456L)]
    [InlineData("2021-02-22T15:51:44Z", 1_614_009_104_000_000_000L)]
    [InlineData("2021-02-22T10:51:44.5-05:00", 1_614_009_104_500_000_000L)]
    public void TryParseNanos_Rfc3339_KeepsNanoseconds(string text, long expected)
    {
        Assert.True(AlpacaMessages.TryParseNanos(text, out var nanos));
        Assert.Equal(expected, nanos);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2021-02-22")]
    [InlineData("2021-02-22T15:51:44.Z")]
    [InlineData("2021-02-22T15:51:44+0500")]
    [InlineData("yesterday at noon, roughly")]
    public void TryParseNanos_NotRfc3339_False(string text) => Assert.False(AlpacaMessages.TryParseNanos(text, out _));

    [Fact]
    public void FormatNanos_RoundTrips() =>
        Assert.Equal("2021-02-22T15:51:44.208123456Z", AlpacaMessages.FormatNanos(1_614_009_104_208_123_456L));

    [Fact]
    public void ParseFrame_CryptoTradeAndBar_ReadsTakerSideAndBarFields()
    {
        var events = new List<AlpacaEvent>();
        AlpacaMessages.ParseFrame(
            """[{"T":"t","S":"BTC/USD","p":64000.5,"s":0.0125,"t":"2024-03-04T14:30:00.000000001Z","i":7,"tks":"S"},{"T":"b","S":"BTC/USD","o":1,"h":2.5,"l":0.5,"c":2,"v":10.25,"t":"2024-03-04T14:30:00Z","n":3,"vw":1.5}]"""u8,
            new SymbolTable(["BTC/USD"]),
            events);

        Assert.Equal([AlpacaEventKind.Trade, AlpacaEventKind.Bar], events.Select(e => e.Kind));
        Assert.Equal(64000.5m, events[0].Trade.Price);
        Assert.Equal(0.0125m, events[0].Trade.Size);
        Assert.Equal(AggressorSide.Sell, events[0].Trade.Side);
        Assert.Equal(1_709_562_600_000_000_001L, events[0].Trade.Nanos);
        Assert.Equal(new Candle("BTC/USD", Timeframe.OneMinute, new DateTimeOffset(2024, 3, 4, 14, 30, 0, TimeSpan.Zero), 1m, 2.5m, 0.5m, 2m, 10.25m, 3, true), events[1].Bar);
    }

    [Fact]
    public void TryParsePage_CryptoPageKeyedBySymbol_ReadsTradesAndToken()
    {
        var trades = new List<AlpacaTrade>();
        var problems = new List<string>();

        var ok = AlpacaMessages.TryParsePage(
            """{"trades":{"BTC/USD":[{"t":"2024-03-04T14:30:00Z","p":1.5,"s":2,"i":1,"tks":"B"},{"t":"bad","p":1,"s":1}]},"next_page_token":"abc"}"""u8,
            0,
            "BTC/USD",
            trades,
            problems,
            out var token);

        Assert.True(ok);
        Assert.Equal("abc", token);
        Assert.Equal(1.5m, Assert.Single(trades).Price);
        Assert.Single(problems);
    }
}
