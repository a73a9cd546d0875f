using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Binance;

/// <summary>Options of <see cref="BinanceFuturesTradeSource"/>.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="LiveSourceOptions.Symbols"/></term><description>none (required; at most 200, Binance's per-connection stream limit)</description></item>
/// <item><term><see cref="StreamEndpoint"/></term><description><c>wss://fstream.binance.com/market</c> (the routed endpoint that carries <c>@aggTrade</c>)</description></item>
/// <item><term><see cref="RestEndpoint"/></term><description><c>https://fapi.binance.com</c></description></item>
/// <item><term><see cref="ConnectionLifetime"/></term><description>23 hours (Binance closes connections at 24 hours)</description></item>
/// <item><term><see cref="StallTimeout"/></term><description>5 minutes</description></item>
/// <item><term><see cref="LiveSourceOptions.ConnectTimeout"/></term><description>15 seconds</description></item>
/// <item><term><see cref="RequestTimeout"/></term><description>30 seconds</description></item>
/// <item><term><see cref="RestPageSize"/></term><description>1000 (the endpoint's maximum)</description></item>
/// <item><term><see cref="MaxBackfillPages"/></term><description>50 per symbol and reconnect</description></item>
/// <item><term><see cref="LiveSourceOptions.BufferCapacity"/></term><description>16 384 ticks</description></item>
/// <item><term><see cref="LiveSourceOptions.MaxClockSkew"/></term><description>1 day</description></item>
/// <item><term><see cref="LiveSourceOptions.Reconnect"/></term><description>see <see cref="ReconnectOptions"/></description></item>
/// </list>
/// </remarks>
public sealed class BinanceSourceOptions : LiveSourceOptions
{
    /// <summary>The routed USD-M futures market-data endpoint; <c>/stream?streams=…</c> is appended.</summary>
    public static readonly Uri DefaultStreamEndpoint = new("wss://fstream.binance.com/market");

    /// <summary>The USD-M futures REST base; <c>/fapi/v1/aggTrades</c> is appended.</summary>
    public static readonly Uri DefaultRestEndpoint = new("https://fapi.binance.com");

    /// <summary>How many streams Binance allows on one connection.</summary>
    public const int MaxSymbols = 200;

    /// <summary>The largest <c>limit</c> the <c>aggTrades</c> endpoint accepts.</summary>
    public const int MaxRestPageSize = 1000;

    private readonly Uri _streamEndpoint = DefaultStreamEndpoint;
    private readonly Uri _restEndpoint = DefaultRestEndpoint;
    private readonly TimeSpan _connectionLifetime = TimeSpan.FromHours(23);
    private readonly TimeSpan _stallTimeout = TimeSpan.FromMinutes(5);
    private readonly TimeSpan _requestTimeout = TimeSpan.FromSeconds(30);
    private readonly int _restPageSize = MaxRestPageSize;
    private readonly int _maxBackfillPages = 50;

    /// <summary>Creates options with the defaults listed above.</summary>
    public BinanceSourceOptions()
        : base(16_384)
    {
    }

    /// <summary>The WebSocket base the combined stream is opened on.</summary>
    /// <exception cref="ArgumentException">The URI is not an absolute <c>ws</c> or <c>wss</c> URI.</exception>
    public Uri StreamEndpoint { get => _streamEndpoint; init => _streamEndpoint = OptionChecks.AbsoluteUri(value, nameof(StreamEndpoint), "ws", "wss"); }

    /// <summary>The REST base the back-fill asks for missed aggregate trades.</summary>
    /// <exception cref="ArgumentException">The URI is not an absolute <c>http</c> or <c>https</c> URI.</exception>
    public Uri RestEndpoint { get => _restEndpoint; init => _restEndpoint = OptionChecks.AbsoluteUri(value, nameof(RestEndpoint), "http", "https"); }

    /// <summary>After this long a connection is replaced by a fresh one, without a gap, before the venue drops it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive or is 24 hours or more.</exception>
    public TimeSpan ConnectionLifetime
    {
        get => _connectionLifetime;
        init
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, TimeSpan.FromHours(24), nameof(ConnectionLifetime));
            _connectionLifetime = OptionChecks.Positive(value, nameof(ConnectionLifetime));
        }
    }

    /// <summary>
    /// Drop and reconnect (then back-fill) when no trade arrived for this long; <see cref="Timeout.InfiniteTimeSpan"/>
    /// disables the check. Quiet symbols may need a longer value.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither positive nor infinite.</exception>
    public TimeSpan StallTimeout { get => _stallTimeout; init => _stallTimeout = OptionChecks.PositiveOrInfinite(value, nameof(StallTimeout)); }

    /// <summary>How long one REST request may take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan RequestTimeout { get => _requestTimeout; init => _requestTimeout = OptionChecks.Positive(value, nameof(RequestTimeout)); }

    /// <summary>The <c>limit</c> of each <c>aggTrades</c> request.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in 1–<see cref="MaxRestPageSize"/>.</exception>
    public int RestPageSize { get => _restPageSize; init => _restPageSize = OptionChecks.InRange(value, 1, MaxRestPageSize, nameof(RestPageSize)); }

    /// <summary>The most <c>aggTrades</c> pages one back-fill fetches per symbol; a longer gap is logged and counted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxBackfillPages { get => _maxBackfillPages; init => _maxBackfillPages = OptionChecks.InRange(value, 1, int.MaxValue, nameof(MaxBackfillPages)); }

    /// <summary>At most <see cref="MaxSymbols"/> symbols (Binance's per-connection stream limit), kept upper-case as Binance spells them in trades.</summary>
    private protected override IReadOnlyList<string> NormalizeSymbols(IReadOnlyList<string> symbols)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(symbols.Count, MaxSymbols, nameof(Symbols));
        return [.. symbols.Select(s => s.ToUpperInvariant())];
    }
}
