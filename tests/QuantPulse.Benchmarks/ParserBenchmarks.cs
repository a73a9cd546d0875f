using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using QuantPulse.Sources.Binance;
using QuantPulse.Sources.Deriv;
using QuantPulse.Sources.Live;

namespace QuantPulse.Benchmarks;

/// <summary>
/// Wire messages parsed per second on one core with Utf8JsonReader: Deriv API v3 <c>tick</c> messages and Binance
/// combined-stream <c>aggTrade</c> messages, as the venues send them. One operation is one message.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int MessageCount = 4096;
    private byte[][] _deriv = [];
    private byte[][] _binance = [];
    private SymbolTable _derivSymbols = null!;
    private SymbolTable _binanceSymbols = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] deriv = ["R_100", "R_10", "1HZ100V", "R_50"];
        string[] binance = ["BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT"];
        _derivSymbols = new SymbolTable(deriv);
        _binanceSymbols = new SymbolTable(binance);
        var ci = CultureInfo.InvariantCulture;
        _deriv = Enumerable.Range(0, MessageCount).Select(i =>
        {
            var symbol = deriv[i % deriv.Length];
            var quote = (1480.5m + (i % 997) * 0.01m).ToString(ci);
            var epoch = 1745675530 + (i * 2);
            return Encoding.UTF8.GetBytes(
                $$$"""{"echo_req":{"subscribe":1,"ticks":"{{{symbol}}}"},"msg_type":"tick","subscription":{"id":"c84a793b-8a87-7999-ce10-9b22f7ceead3"},"tick":{"ask":{{{quote}}},"bid":{{{quote}}},"epoch":{{{epoch}}},"id":"c84a793b-8a87-7999-ce10-9b22f7ceead3","pip_size":2,"quote":{{{quote}}},"symbol":"{{{symbol}}}"}}""");
        }).ToArray();
        _binance = Enumerable.Range(0, MessageCount).Select(i =>
        {
            var symbol = binance[i % binance.Length];
            var price = (43210.1m + (i % 991) * 0.1m).ToString(ci);
            var time = 1700000000000L + i;
            return Encoding.UTF8.GetBytes(
                $$$"""{"stream":"{{{symbol.ToLowerInvariant()}}}@aggTrade","data":{"e":"aggTrade","E":{{{time + 5}}},"s":"{{{symbol}}}","a":{{{5933014 + i}}},"p":"{{{price}}}","q":"0.{{{(i % 900) + 100}}}","f":{{{100 + i}}},"l":{{{105 + i}}},"T":{{{time}}},"m":{{{(i % 2 == 0 ? "true" : "false")}}}}}""");
        }).ToArray();

        // The inputs must be what the venues send: a message that does not parse as a tick would measure an error path.
        if (DerivMessageParser.Parse(_deriv[1], _derivSymbols).Kind != DerivMessageKind.Tick
            || BinanceMessageParser.ParseStream(_binance[1], _binanceSymbols, out _) != BinanceMessageKind.AggTrade)
        {
            throw new InvalidOperationException("The benchmark messages do not parse as ticks.");
        }
    }

    [Benchmark(OperationsPerInvoke = MessageCount)]
    public decimal Deriv_TickMessage()
    {
        decimal sum = 0;
        foreach (var message in _deriv)
        {
            sum += DerivMessageParser.Parse(message, _derivSymbols).Quote;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = MessageCount)]
    public decimal Binance_AggTradeMessage()
    {
        decimal sum = 0;
        foreach (var message in _binance)
        {
            BinanceMessageParser.ParseStream(message, _binanceSymbols, out var trade);
            sum += trade.Price;
        }

        return sum;
    }
}
