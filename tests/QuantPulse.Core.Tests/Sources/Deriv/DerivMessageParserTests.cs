using System.Text;
using QuantPulse.Model;
using QuantPulse.Sources.Deriv;
using QuantPulse.Sources.Live;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Deriv;

public class DerivMessageParserTests
{
    private static readonly SymbolTable Symbols = new(["R_100", "R_10", "1HZ100V"]);

    private const string TickMessage =
        """{"echo_req":{"req_id":7,"subscribe":1,"ticks":"R_100"},"msg_type":"tick","req_id":7,"subscription":{"id":"0f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8"},"tick":{"ask":1485.07,"bid":1484.87,"epoch":1745675532,"id":"0f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8","pip_size":2,"quote":1484.97,"symbol":"R_100"}}""";

    private static DerivMessage Parse(string json) => DerivMessageParser.Parse(Encoding.UTF8.GetBytes(json), Symbols);

    [Fact]
    public void Parse_TickMessage_ReadsEveryFieldExactly()
    {
        var message = Parse(TickMessage);

        Assert.Equal(DerivMessageKind.Tick, message.Kind);
        Assert.Equal(TickRejection.None, message.Problem);
        Assert.Equal(0, message.Symbol);
        Assert.Equal(1745675532, message.Epoch);
        Assert.Equal(1484.97m, message.Quote);
        Assert.Equal(1484.87m, message.Bid);
        Assert.Equal(1485.07m, message.Ask);
        Assert.Equal(7, message.RequestId);
        Assert.Equal(-1, message.EchoSymbol); // read for errors only
    }

    [Fact]
    public void Parse_FieldsInAnyOrderAndEscapedSymbol_ReadsTheSameTick()
    {
        var message = Parse("""{"tick":{"symbol":"1HZ\u0031\u0030\u0030V","quote":0.00012345678901234567,"epoch":1745675532},"msg_type":"tick","extra":[{"deep":[1,2,{"x":null}]}]}""");

        Assert.Equal(DerivMessageKind.Tick, message.Kind);
        Assert.Equal(2, message.Symbol);
        Assert.Equal(0.00012345678901234567m, message.Quote);
        Assert.Null(message.Bid);
    }

    [Theory]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":1.5,"symbol":"R_999"}}""", TickRejection.UnknownSymbol)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":"NaN","symbol":"R_100"}}""", TickRejection.NotANumber)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":"Infinity","symbol":"R_100"}}""", TickRejection.NotANumber)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":1e999,"symbol":"R_100"}}""", TickRejection.NotANumber)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":"1.5","symbol":"R_100"}}""", TickRejection.Malformed)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":{"v":1},"symbol":"R_100"}}""", TickRejection.Malformed)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1.5,"quote":1.5,"symbol":"R_100"}}""", TickRejection.Malformed)]
    [InlineData("""{"msg_type":"tick","tick":{"quote":1.5,"symbol":"R_100"}}""", TickRejection.Malformed)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"symbol":"R_100"}}""", TickRejection.Malformed)]
    [InlineData("""{"msg_type":"tick","tick":{"epoch":1745675532,"quote":1.5,"symbol":7}}""", TickRejection.Malformed)]
    public void Parse_TickWithABadField_ReportsTheProblem(string json, TickRejection expected)
    {
        var message = Parse(json);

        Assert.Equal(DerivMessageKind.Tick, message.Kind);
        Assert.Equal(expected, message.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"msg_type\":\"tick\"")]
    [InlineData("[1,2,3]")]
    [InlineData("\"tick\"")]
    [InlineData("""{"msg_type":"tick"}""")]
    [InlineData("""{"msg_type":"tick","tick":null}""")]
    [InlineData("""{"msg_type":"history","history":[1,2]}""")]
    [InlineData("""{"msg_type":"ping","ping":"pong"} {}""")]
    public void Parse_MalformedMessage_ReturnsMalformed(string json) =>
        Assert.Equal(DerivMessageKind.Malformed, Parse(json).Kind);

    [Theory]
    [InlineData("""{"msg_type":"proposal","proposal":{"id":"x"}}""")]
    [InlineData("""{"msg_type":null}""")]
    [InlineData("""{}""")]
    public void Parse_WellFormedButUnused_ReturnsUnknown(string json) =>
        Assert.Equal(DerivMessageKind.Unknown, Parse(json).Kind);

    [Fact]
    public void Parse_Ping_ReturnsPing() =>
        Assert.Equal(DerivMessageKind.Ping, Parse("""{"echo_req":{"ping":1},"msg_type":"ping","ping":"pong"}""").Kind);

    [Fact]
    public void Parse_History_ReadsTimesAndPricesInOrder()
    {
        var message = Parse("""{"echo_req":{"ticks_history":"R_10","count":3},"history":{"prices":[100.1,100.25,99.9],"times":[1745675530,1745675532,1745675534]},"msg_type":"history","pip_size":2,"req_id":4}""");

        Assert.Equal(DerivMessageKind.History, message.Kind);
        Assert.Equal(TickRejection.None, message.Problem);
        Assert.Equal([1745675530L, 1745675532L, 1745675534L], message.HistoryTimes!);
        Assert.Equal([100.1m, 100.25m, 99.9m], message.HistoryPrices!);
        Assert.Equal(4, message.RequestId);
        Assert.Equal(-1, message.EchoSymbol);
    }

    [Theory]
    [InlineData("""{"history":{"prices":[1.5,2.5],"times":[1745675530]},"msg_type":"history"}""")]
    [InlineData("""{"history":{"prices":[1.5,"x"],"times":[1745675530,1745675532]},"msg_type":"history"}""")]
    [InlineData("""{"history":{"prices":[1.5,[2,[3]]],"times":[1745675530,1745675532]},"msg_type":"history"}""")]
    [InlineData("""{"history":{"times":[1745675530]},"msg_type":"history"}""")]
    public void Parse_HistoryThatDoesNotPair_ReportsMalformed(string json)
    {
        var message = Parse(json);

        Assert.Equal(DerivMessageKind.History, message.Kind);
        Assert.Equal(TickRejection.Malformed, message.Problem);
    }

    [Fact]
    public void Parse_Error_ReadsCodeMessageAndTheSymbolAskedFor()
    {
        var message = Parse("""{"echo_req":{"req_id":3,"subscribe":1,"ticks":"R_10"},"error":{"code":"InvalidSymbol","message":"Symbol R_10 invalid.","details":{"field":"ticks"}},"msg_type":"ticks","req_id":3}""");

        Assert.Equal(DerivMessageKind.Error, message.Kind);
        Assert.Equal("InvalidSymbol", message.ErrorCode);
        Assert.Equal("Symbol R_10 invalid.", message.ErrorMessage);
        Assert.Equal(3, message.RequestId);
        Assert.Equal(1, message.EchoSymbol);
    }

    [Fact]
    public void Parse_TickMessage_AllocatesNothing()
    {
        var bytes = Encoding.UTF8.GetBytes(TickMessage);
        long checksum = 0;

        var allocated = Allocations.PerRound(_ => checksum += DerivMessageParser.Parse(bytes, Symbols).Epoch);

        Assert.Equal(0, allocated);
        Assert.Equal(32_000L * 1745675532, checksum);
    }
}
