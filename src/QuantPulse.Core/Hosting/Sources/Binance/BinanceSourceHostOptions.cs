using QuantPulse.Sources.Binance;

namespace QuantPulse.Hosting;

/// <summary>Configuration of the Binance USD-M futures trade feed (<c>QuantPulse:Sources:Binance</c>).</summary>
public sealed class BinanceSourceHostOptions
{
    /// <summary>Whether the feed runs. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Futures symbols, such as <c>BTCUSDT</c>.</summary>
    public IList<string> Symbols { get; } = [];

    /// <summary>The combined-stream WebSocket base. Default: Binance's routed market endpoint.</summary>
    public Uri? StreamEndpoint { get; set; }

    /// <summary>The REST base used for back-fill. Default: <c>https://fapi.binance.com</c>.</summary>
    public Uri? RestEndpoint { get; set; }

    internal BinanceSourceOptions ToSourceOptions() => new()
    {
        Symbols = [.. Symbols],
        StreamEndpoint = StreamEndpoint ?? BinanceSourceOptions.DefaultStreamEndpoint,
        RestEndpoint = RestEndpoint ?? BinanceSourceOptions.DefaultRestEndpoint,
    };
}
