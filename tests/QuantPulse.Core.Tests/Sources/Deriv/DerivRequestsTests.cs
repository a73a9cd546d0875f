using System.Text;
using QuantPulse.Sources.Deriv;

namespace QuantPulse.Tests.Sources.Deriv;

public class DerivRequestsTests
{
    [Theory]
    [InlineData("wss://ws.derivws.com/websockets/v3", 1089, "wss://ws.derivws.com/websockets/v3?app_id=1089")]
    [InlineData("ws://127.0.0.1:5000/ws", 42, "ws://127.0.0.1:5000/ws?app_id=42")]
    [InlineData("ws://127.0.0.1:5000/ws?l=EN", 42, "ws://127.0.0.1:5000/ws?l=EN&app_id=42")]
    [InlineData("ws://127.0.0.1:5000/ws?app_id=7", 42, "ws://127.0.0.1:5000/ws?app_id=7")]
    public void BuildUri_Endpoint_AppendsAppIdUnlessPresent(string endpoint, int appId, string expected) =>
        Assert.Equal(expected, DerivRequests.BuildUri(new Uri(endpoint), appId).AbsoluteUri);

    [Fact]
    public void TicksHistory_WithStartAndEnd_WritesTheDocumentedRequest() =>
        Assert.Equal(
            """{"ticks_history":"R_100","style":"ticks","end":1745675600,"start":1745675530,"count":500,"req_id":9}""",
            Encoding.UTF8.GetString(DerivRequests.TicksHistory("R_100", 1745675530, 1745675600, 500, 9)));

    [Fact]
    public void TicksHistory_WithoutBounds_AsksForTheLatest() =>
        Assert.Equal(
            """{"ticks_history":"R_10","style":"ticks","end":"latest","count":1000,"req_id":2}""",
            Encoding.UTF8.GetString(DerivRequests.TicksHistory("R_10", null, null, 1000, 2)));

    [Fact]
    public void Subscribe_Symbol_WritesTheTicksRequest() =>
        Assert.Equal("""{"ticks":"1HZ100V","subscribe":1,"req_id":1}""", Encoding.UTF8.GetString(DerivRequests.Subscribe("1HZ100V", 1)));

    [Fact]
    public void Options_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => new DerivSourceOptions { Symbols = [] });
        Assert.Throws<ArgumentException>(() => new DerivSourceOptions { Symbols = ["R_100", "R_100"] });
        Assert.Throws<ArgumentException>(() => new DerivSourceOptions { Symbols = ["R_100"], Endpoint = new Uri("https://example.com") });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivSourceOptions { Symbols = ["R_100"], WarmUpTicks = 5001 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivSourceOptions { Symbols = ["R_100"], HistoryPageSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new DerivSourceOptions { Symbols = ["R_100"], StallTimeout = TimeSpan.Zero });
        Assert.Equal(Timeout.InfiniteTimeSpan, new DerivSourceOptions { Symbols = ["R_100"], StallTimeout = Timeout.InfiniteTimeSpan }.StallTimeout);
    }
}
