using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Binance;

/// <summary>
/// Live trades of Binance USD-M futures from the combined <c>&lt;symbol&gt;@aggTrade</c> stream, one tick per
/// aggregate trade, with gap-free reconnects (REST back-fill by aggregate-trade id) and a planned switch to a fresh
/// connection before Binance's 24-hour limit.
/// </summary>
/// <remarks>
/// <para>
/// The source opens <c>{StreamEndpoint}/stream?streams=btcusdt@aggTrade/…</c> and sends nothing on it: the
/// subscription is in the URL, so Binance's limit on incoming messages (10 per second) is never approached, and the
/// server's ping frames are answered with pongs by <see cref="ClientWebSocket"/> itself while the source reads.
/// </para>
/// <para>
/// After a reconnect the live trades of each symbol are held back while <c>GET /fapi/v1/aggTrades?fromId=</c> fetches
/// everything after the last aggregate id yielded, page by page; then the held-back trades follow, and every trade
/// whose id is not above the last one yielded for its symbol is dropped as a duplicate. After
/// <see cref="BinanceSourceOptions.ConnectionLifetime"/> the source opens a second connection, holds its trades
/// back, closes the first one and joins the two the same way, so the switch loses and repeats nothing.
/// </para>
/// <para>
/// Ticks carry price and quantity exactly as sent, the trade time <c>T</c>, and the aggressor: <c>m = true</c> (the
/// buyer was the maker) is a <see cref="AggressorSide.Sell"/>. All timing uses the given <see cref="TimeProvider"/>.
/// </para>
/// </remarks>
public sealed partial class BinanceFuturesTradeSource : LiveTickSource
{
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly BinanceSourceOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly BinanceRestClient _rest;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a source; nothing connects until <see cref="LiveTickSource.ReadAsync"/> is enumerated.</summary>
    /// <param name="options">The options (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The clock for timeouts, rotation, backoff and validation; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="httpClient">The client for the REST back-fill (not disposed by the source); a private one when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reconnect options contradict each other.</exception>
    public BinanceFuturesTradeSource(
        BinanceSourceOptions options, TimeProvider? timeProvider = null, ILogger<BinanceFuturesTradeSource>? logger = null, HttpClient? httpClient = null)
        : this(options, timeProvider, logger, httpClient, Random.Shared)
    {
    }

    internal BinanceFuturesTradeSource(BinanceSourceOptions options, TimeProvider? timeProvider, ILogger? logger, HttpClient? httpClient, Random random)
        : base(TickSources.Binance, options, timeProvider, logger, random)
    {
        _options = options;
        StreamUri = BuildStreamUri(options.StreamEndpoint, options.Symbols);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _rest = new BinanceRestClient(_http, options.RestEndpoint, options.RequestTimeout, Feed);
    }

    /// <summary>The combined-stream URI the source connects to.</summary>
    public Uri StreamUri { get; }

    /// <inheritdoc />
    private protected override void DisposeResources()
    {
        _gate.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri BuildStreamUri(Uri endpoint, IReadOnlyList<string> symbols)
    {
#pragma warning disable CA1308 // Binance stream names are lower-case by definition; this is not a comparison.
        var streams = string.Join('/', symbols.Select(s => s.ToLowerInvariant() + "@aggTrade"));
#pragma warning restore CA1308
        return new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/stream?streams=" + streams);
    }

    private Tick ToTick(in AggTrade trade) =>
        new(Feed.Symbols[trade.Symbol], UnixTime.FromMilliseconds(trade.TradeTime)!.Value, trade.Price, trade.Quantity, TickSources.Binance)
        {
            Side = trade.BuyerIsMaker ? AggressorSide.Sell : AggressorSide.Buy,
        };

    /// <summary>Counts a trade that cannot become a tick; true when it can.</summary>
    private bool Usable(in AggTrade trade, ReadOnlySpan<byte> message)
    {
        var problem = trade.Problem;
        if (problem == TickRejection.None && UnixTime.FromMilliseconds(trade.TradeTime) is null)
        {
            problem = TickRejection.FutureTime;
        }

        if (problem != TickRejection.None)
        {
            Feed.Reject(problem, message);
            return false;
        }

        return true;
    }
}
