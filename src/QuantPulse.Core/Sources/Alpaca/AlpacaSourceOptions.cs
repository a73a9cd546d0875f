using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Alpaca;

/// <summary>Options of <see cref="AlpacaTradeSource"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="LiveSourceOptions.Symbols"/></term><description>none (required)</description></item>
/// <item><term><see cref="Feed"/></term><description><see cref="AlpacaFeed.Iex"/></description></item>
/// <item><term><see cref="StreamEndpoint"/></term><description><c>wss://stream.data.alpaca.markets</c></description></item>
/// <item><term><see cref="RestEndpoint"/></term><description><c>https://data.alpaca.markets</c></description></item>
/// <item><term><see cref="KeyId"/>, <see cref="SecretKey"/></term><description>read from the variables <see cref="KeyIdVariable"/> (<c>APCA-API-KEY-ID</c>) and <see cref="SecretKeyVariable"/> (<c>APCA-API-SECRET-KEY</c>)</description></item>
/// <item><term><see cref="StallTimeout"/></term><description>10 minutes</description></item>
/// <item><term><see cref="LiveSourceOptions.ConnectTimeout"/> / <see cref="RequestTimeout"/></term><description>15 / 30 seconds</description></item>
/// <item><term><see cref="RestPageSize"/></term><description>10 000 (the endpoint's maximum)</description></item>
/// <item><term><see cref="MaxBackfillPages"/></term><description>50 per symbol and reconnect</description></item>
/// <item><term><see cref="LiveSourceOptions.BufferCapacity"/></term><description>16 384 ticks</description></item>
/// <item><term><see cref="LiveSourceOptions.MaxClockSkew"/></term><description>1 day</description></item>
/// <item><term><see cref="LiveSourceOptions.Reconnect"/></term><description>see <see cref="ReconnectOptions"/></description></item>
/// </list>
/// </remarks>
public sealed class AlpacaSourceOptions : LiveSourceOptions
{
    /// <summary>Alpaca's market data stream host; <c>/v2/{feed}</c> or <c>/v1beta3/crypto/us</c> is appended.</summary>
    public static readonly Uri DefaultStreamEndpoint = new("wss://stream.data.alpaca.markets");

    /// <summary>Alpaca's market data REST base; <c>/v2/stocks/{symbol}/trades</c> or <c>/v1beta3/crypto/us/trades</c> is appended.</summary>
    public static readonly Uri DefaultRestEndpoint = new("https://data.alpaca.markets");

    /// <summary>The environment variable holding the API key id by default.</summary>
    public const string DefaultKeyIdVariable = "APCA-API-KEY-ID";

    /// <summary>The environment variable holding the API secret key by default.</summary>
    public const string DefaultSecretKeyVariable = "APCA-API-SECRET-KEY";

    /// <summary>The largest <c>limit</c> the trades endpoints accept.</summary>
    public const int MaxRestPageSize = 10_000;

    private readonly Uri _streamEndpoint = DefaultStreamEndpoint;
    private readonly Uri _restEndpoint = DefaultRestEndpoint;
    private readonly TimeSpan _stallTimeout = TimeSpan.FromMinutes(10);
    private readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private readonly int _restPageSize = MaxRestPageSize;
    private readonly int _maxBackfillPages = 50;

    /// <summary>Creates options with the defaults listed above.</summary>
    public AlpacaSourceOptions()
        : base(16_384)
    {
    }

    /// <summary>The stream to read.</summary>
    public AlpacaFeed Feed { get; init; } = AlpacaFeed.Iex;

    /// <summary>The WebSocket host (no path).</summary>
    public Uri StreamEndpoint { get => _streamEndpoint; init => _streamEndpoint = OptionChecks.AbsoluteUri(value, nameof(StreamEndpoint), "ws", "wss"); }

    /// <summary>The REST base for the back-fill.</summary>
    public Uri RestEndpoint { get => _restEndpoint; init => _restEndpoint = OptionChecks.AbsoluteUri(value, nameof(RestEndpoint), "http", "https"); }

    /// <summary>The API key id; null reads <see cref="KeyIdVariable"/> when the source starts.</summary>
    public string? KeyId { get; init; }

    /// <summary>The API secret key; null reads <see cref="SecretKeyVariable"/> when the source starts.</summary>
    public string? SecretKey { get; init; }

    /// <summary>The environment variable the key id is read from when <see cref="KeyId"/> is null.</summary>
    public string KeyIdVariable { get; init; } = DefaultKeyIdVariable;

    /// <summary>The environment variable the secret key is read from when <see cref="SecretKey"/> is null.</summary>
    public string SecretKeyVariable { get; init; } = DefaultSecretKeyVariable;

    /// <summary>Called with every minute bar of the subscribed symbols (on the source's thread; return quickly); bars are subscribed only when set.</summary>
    public Action<Candle>? OnBar { get; init; }

    /// <summary>A connection on which nothing arrived for this long is dropped; <see cref="Timeout.InfiniteTimeSpan"/> disables the check.</summary>
    public TimeSpan StallTimeout { get => _stallTimeout; init => _stallTimeout = OptionChecks.PositiveOrInfinite(value, nameof(StallTimeout)); }

    /// <summary>How long one REST request may take.</summary>
    public TimeSpan RequestTimeout { get => _requestTimeout; init => _requestTimeout = OptionChecks.Positive(value, nameof(RequestTimeout)); }

    /// <summary>Trades per REST page (1–10 000).</summary>
    public int RestPageSize { get => _restPageSize; init => _restPageSize = OptionChecks.InRange(value, 1, MaxRestPageSize, nameof(RestPageSize)); }

    /// <summary>Pages fetched per symbol and reconnect at most; beyond them the rest of the gap is logged and counted.</summary>
    public int MaxBackfillPages { get => _maxBackfillPages; init => _maxBackfillPages = OptionChecks.InRange(value, 1, int.MaxValue, nameof(MaxBackfillPages)); }

}
