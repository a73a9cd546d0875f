using System.Text;
using QuantPulse.Model;
using QuantPulse.Sources.Binance;
using QuantPulse.Sources.Live;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Binance;

public class BinanceMessageParserTests
{
    private static readonly SymbolTable Symbols = new(["BTCUSDT", "ETHUSDT"]);

    private const string TradeMessage =
        """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1700000000123,"s":"BTCUSDT","a":5933014,"p":"37012.10","q":"0.005","f":100,"l":105,"T":1700000000120,"m":true}}""";

    private static (BinanceMessageKind Kind, AggTrade Trade) Parse(string json)
    {
        var kind = BinanceMessageParser.ParseStream(Encoding.UTF8.GetBytes(json), Symbols, out var trade);
        return (kind, trade);
    }

    [Fact]
    public void ParseStream_AggTrade_ReadsEveryFieldExactly()
    {
        var (kind, trade) = Parse(TradeMessage);

        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        Assert.Equal(TickRejection.None, trade.Problem);
        Assert.Equal(0, trade.Symbol);
        Assert.Equal(5933014, trade.Id);
        Assert.Equal(37012.10m, trade.Price);
        Assert.Equal("37012.10", trade.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.005m, trade.Quantity);
        Assert.Equal(1700000000120, trade.TradeTime);
        Assert.True(trade.BuyerIsMaker);
    }

    [Fact]
    public void ParseStream_DataBeforeStreamAndUnknownFields_ReadsTheSameTrade()
    {
        var (kind, trade) = Parse("""{"data":{"nq":"0.004","m":false,"T":1700000000120,"q":"12.50000000","p":"0.00001234","a":7,"s":"ETHUSDT","e":"aggTrade"},"stream":"ethusdt@aggTrade"}""");

        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        Assert.Equal(TickRejection.None, trade.Problem);
        Assert.Equal(1, trade.Symbol);
        Assert.Equal(0.00001234m, trade.Price);
        Assert.Equal(12.5m, trade.Quantity);
        Assert.False(trade.BuyerIsMaker);
    }

    [Fact]
    public void ParseStream_UnwrappedEvent_ReadsTheTrade()
    {
        var (kind, trade) = Parse("""{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":"1.5","q":"2","f":1,"l":1,"T":1700000000120,"m":false}""");

        Assert.Equal((BinanceMessageKind.AggTrade, TickRejection.None), (kind, trade.Problem));
    }

    [Theory]
    [InlineData("\"p\":\"NaN\"", TickRejection.NotANumber)]
    [InlineData("\"p\":\"Infinity\"", TickRejection.NotANumber)]
    [InlineData("\"p\":\"1,5\"", TickRejection.Malformed)]
    [InlineData("\"p\":\"1e5\"", TickRejection.Malformed)]
    [InlineData("\"p\":1.5", TickRejection.Malformed)]
    [InlineData("\"p\":\"\"", TickRejection.Malformed)]
    [InlineData("\"q\":\"abc\"", TickRejection.Malformed)]
    [InlineData("\"s\":\"DOGEUSDT\"", TickRejection.UnknownSymbol)]
    [InlineData("\"a\":\"7\"", TickRejection.Malformed)]
    [InlineData("\"T\":null", TickRejection.Malformed)]
    [InlineData("\"m\":\"true\"", TickRejection.Malformed)]
    public void ParseStream_AggTradeWithABadField_ReportsTheProblem(string field, TickRejection expected)
    {
        var name = field[..field.IndexOf(':', StringComparison.Ordinal)];
        var fields = new List<string> { "\"e\":\"aggTrade\"", "\"s\":\"BTCUSDT\"", "\"a\":1", "\"p\":\"1.5\"", "\"q\":\"2\"", "\"T\":1700000000120", "\"m\":true" };
        fields[fields.FindIndex(f => f.StartsWith(name, StringComparison.Ordinal))] = field;

        var (kind, trade) = Parse("{\"stream\":\"x\",\"data\":{" + string.Join(',', fields) + "}}");

        Assert.Equal(BinanceMessageKind.AggTrade, kind);
        Assert.Equal(expected, trade.Problem);
    }

    [Fact]
    public void ParseStream_EscapedDigits_ParsesThePrice()
    {
        var (_, trade) = Parse("""{"data":{"e":"aggTrade","s":"BTCUSDT","a":1,"p":"1\u002e5","q":"2","T":1700000000120,"m":true}}""");

        Assert.Equal((TickRejection.None, 1.5m), (trade.Problem, trade.Price));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"stream\":")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"stream":"x","data":[1]}""")]
    [InlineData("""{"stream":"x","data":{"e":"aggTrade"}} x""")]
    public void ParseStream_Malformed_ReturnsMalformedOrAProblem(string json)
    {
        var (kind, trade) = Parse(json);

        Assert.True(kind == BinanceMessageKind.Malformed || trade.Problem == TickRejection.Malformed, $"{kind} {trade.Problem}");
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""", false)]
    [InlineData("""{"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","p":"1"}}""", false)]
    [InlineData("""{"error":{"code":2,"msg":"Invalid request"},"id":7}""", true)]
    public void ParseStream_OtherMessages_AreUnknownOrErrors(string json, bool isError) =>
        Assert.Equal(isError ? BinanceMessageKind.Error : BinanceMessageKind.Unknown, Parse(json).Kind);

    [Fact]
    public void TryParsePage_RestPage_ReadsEveryTradeInOrder()
    {
        var trades = new List<AggTrade>();

        var ok = BinanceMessageParser.TryParsePage(
            """[{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true},{"a":26130,"p":"0.0164","q":"1","f":27782,"l":27790,"T":1498793709200,"m":false}]"""u8,
            1,
            trades);

        Assert.True(ok);
        Assert.Equal([26129L, 26130L], trades.Select(t => t.Id));
        Assert.All(trades, t => Assert.Equal((1, TickRejection.None), (t.Symbol, t.Problem)));
        Assert.Equal(0.01633102m, trades[0].Price);
        Assert.Equal(4.70443515m, trades[0].Quantity);
        Assert.False(trades[1].BuyerIsMaker);
    }

    [Theory]
    [InlineData("""{"code":-1121,"msg":"Invalid symbol."}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""[{"a":1}""")]
    public void TryParsePage_NotAnArrayOfTrades_ReturnsFalse(string json) =>
        Assert.False(BinanceMessageParser.TryParsePage(Encoding.UTF8.GetBytes(json), 0, []));

    [Fact]
    public void ParseRestError_ErrorBody_ReadsCodeAndMessage() =>
        Assert.Equal(("-1121", "Invalid symbol."), BinanceMessageParser.ParseRestError("""{"code":-1121,"msg":"Invalid symbol."}"""u8));

    [Fact]
    public void ParseStream_AggTrade_AllocatesNothing()
    {
        var bytes = Encoding.UTF8.GetBytes(TradeMessage);
        long checksum = 0;

        var allocated = Allocations.PerRound(_ =>
        {
            BinanceMessageParser.ParseStream(bytes, Symbols, out var trade);
            checksum += trade.Id;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(32_000L * 5933014, checksum);
    }
}
