using QuantPulse.Sources.Alpaca;

namespace QuantPulse.Hosting;

/// <summary>Configuration of the Alpaca market data trade feed (<c>QuantPulse:Sources:Alpaca</c>).</summary>
public sealed class AlpacaSourceHostOptions
{
    /// <summary>Whether the feed runs. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Symbols, such as <c>AAPL</c>, <c>FAKEPACA</c> (the test feed) or <c>BTC/USD</c> (crypto).</summary>
    public IList<string> Symbols { get; } = [];

    /// <summary>The stream: <c>iex</c>, <c>sip</c>, <c>test</c> or <c>crypto</c>. Default: <c>iex</c>.</summary>
    public AlpacaFeed Feed { get; set; } = AlpacaFeed.Iex;

    /// <summary>The WebSocket host. Default: <c>wss://stream.data.alpaca.markets</c>.</summary>
    public Uri? StreamEndpoint { get; set; }

    /// <summary>The REST base used for back-fill. Default: <c>https://data.alpaca.markets</c>.</summary>
    public Uri? RestEndpoint { get; set; }

    /// <summary>The environment variable holding the API key id. Default: <c>APCA-API-KEY-ID</c>.</summary>
    public string KeyIdVariable { get; set; } = AlpacaSourceOptions.DefaultKeyIdVariable;

    /// <summary>The environment variable holding the API secret key. Default: <c>APCA-API-SECRET-KEY</c>.</summary>
    public string SecretKeyVariable { get; set; } = AlpacaSourceOptions.DefaultSecretKeyVariable;

    internal AlpacaSourceOptions ToSourceOptions() => new()
    {
        Symbols = [.. Symbols],
        Feed = Feed,
        StreamEndpoint = StreamEndpoint ?? AlpacaSourceOptions.DefaultStreamEndpoint,
        RestEndpoint = RestEndpoint ?? AlpacaSourceOptions.DefaultRestEndpoint,
        KeyIdVariable = KeyIdVariable,
        SecretKeyVariable = SecretKeyVariable,
    };
}
