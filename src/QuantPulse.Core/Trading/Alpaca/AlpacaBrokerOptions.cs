namespace QuantPulse.Trading.Alpaca;

/// <summary>Where the Alpaca broker connects and with which keys.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Option</term><description>Default</description></listheader>
/// <item><term><see cref="TradingBaseUrl"/></term><description><c>https://paper-api.alpaca.markets</c></description></item>
/// <item><term><see cref="StreamUrl"/></term><description><c>wss://paper-api.alpaca.markets/stream</c></description></item>
/// <item><term><see cref="KeyId"/>, <see cref="SecretKey"/></term><description>from <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c> in the environment</description></item>
/// <item><term><see cref="MaxRateLimitRetries"/></term><description>3</description></item>
/// <item><term><see cref="RequestTimeout"/></term><description>10 seconds</description></item>
/// <item><term><see cref="ReconnectDelay"/></term><description>1 second, doubling up to 30</description></item>
/// </list>
/// </remarks>
public sealed class AlpacaBrokerOptions
{
    /// <summary>The environment variable holding the key id.</summary>
    public const string KeyIdVariable = "APCA-API-KEY-ID";

    /// <summary>The environment variable holding the secret key.</summary>
    public const string SecretKeyVariable = "APCA-API-SECRET-KEY";

    /// <summary>The trading API's base URL (the paper endpoint by default).</summary>
    public Uri TradingBaseUrl { get; init; } = new("https://paper-api.alpaca.markets");

    /// <summary>The <c>trade_updates</c> WebSocket.</summary>
    public Uri StreamUrl { get; init; } = new("wss://paper-api.alpaca.markets/stream");

    /// <summary>The API key id; null reads <see cref="KeyIdVariable"/>.</summary>
    public string? KeyId { get; init; }

    /// <summary>The API secret key; null reads <see cref="SecretKeyVariable"/>.</summary>
    public string? SecretKey { get; init; }

    /// <summary>How often a request answered with 429 is tried again before the call fails.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before the stream reconnects; it doubles up to 30 seconds.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The pre-trade checks applied before an order is sent.</summary>
    public RiskLimits Risk { get; init; } = new();
}
