using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Alpaca;

/// <summary>
/// Live trades from Alpaca's market data stream (<c>v2/iex</c>, <c>v2/sip</c>, <c>v2/test</c> or
/// <c>v1beta3/crypto/us</c>), one tick per trade, with gap-free reconnects: the trades missed while disconnected are
/// fetched from the REST trades endpoint before the new connection's trades are let through.
/// </summary>
/// <remarks>
/// <para>
/// Per connection: Alpaca greets with <c>[{"T":"success","msg":"connected"}]</c>; the source sends
/// <c>{"action":"auth","key":…,"secret":…}</c> (key and secret from the options or, by default, the environment
/// variables <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c>), waits for <c>authenticated</c>, then sends
/// <c>{"action":"subscribe","trades":[…]}</c> (and <c>bars</c> when <see cref="AlpacaSourceOptions.OnBar"/> is set).
/// Frames are JSON arrays; trades (<c>"T":"t"</c>) carry <c>S</c>, <c>p</c>, <c>s</c>, <c>t</c> (RFC 3339, nanoseconds)
/// and, for crypto, the taker side <c>tks</c>.
/// </para>
/// <para>
/// Errors (<c>{"T":"error","code":…}</c>): 402 (authentication failed), 405 (symbol limit exceeded), 409 (insufficient
/// subscription) and 400/410 (a request Alpaca cannot read) cannot be cured by retrying: every symbol is marked refused
/// and the stream ends with <see cref="InvalidOperationException"/> (status <see cref="ConnectionState.Failed"/>).
/// 401, 404 (authentication timeout), 406 (connection limit exceeded), 407 (slow client), 500 and unknown codes drop the
/// connection and retry with back-off; 403 (already authenticated) is ignored.
/// </para>
/// <para>
/// Trades are keyed per symbol by their time in nanoseconds: after a reconnect each symbol is fetched with
/// <c>GET /v2/stocks/{symbol}/trades?start=&lt;last trade time&gt;&amp;page_token=…</c> (crypto:
/// <c>/v1beta3/crypto/us/trades?symbols=…</c>) page by page until the pages reach the first trade the new connection
/// holds back, and every trade not later than the last one yielded is dropped as a duplicate. Two trades of one
/// symbol at the very same nanosecond are therefore one tick.
/// </para>
/// </remarks>
public sealed class AlpacaTradeSource : LiveTickSource
{
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly AlpacaSourceOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Uri _restBase;

    /// <summary>Creates a source; nothing connects until <see cref="LiveTickSource.ReadAsync"/> is enumerated.</summary>
    /// <param name="options">The options (copied: later changes have no effect).</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and validation; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="httpClient">The client for the REST back-fill (not disposed by the source); a private one when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public AlpacaTradeSource(AlpacaSourceOptions options, TimeProvider? timeProvider = null, ILogger<AlpacaTradeSource>? logger = null, HttpClient? httpClient = null)
        : this(options, timeProvider, logger, httpClient, Random.Shared)
    {
    }

    internal AlpacaTradeSource(AlpacaSourceOptions options, TimeProvider? timeProvider, ILogger? logger, HttpClient? httpClient, Random random)
        : base(TickSources.Alpaca, options, timeProvider, logger, random)
    {
        _options = options;
        StreamUri = BuildStreamUri(options.StreamEndpoint, options.Feed);
        _restBase = options.RestEndpoint.AbsoluteUri.EndsWith('/') ? options.RestEndpoint : new Uri(options.RestEndpoint.AbsoluteUri + "/");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The stream URI the source connects to.</summary>
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

    private static Uri BuildStreamUri(Uri endpoint, AlpacaFeed feed)
    {
        var path = feed switch
        {
            AlpacaFeed.Sip => "v2/sip",
            AlpacaFeed.Test => "v2/test",
            AlpacaFeed.Crypto => "v1beta3/crypto/us",
            _ => "v2/iex",
        };
        return new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + path);
    }

    /// <summary>Whether an Alpaca error code cannot be cured by connecting again.</summary>
    private static bool IsFatal(int code) => code is 400 or 402 or 405 or 409 or 410;

    private (string Key, string Secret) Credentials()
    {
        var key = _options.KeyId ?? Environment.GetEnvironmentVariable(_options.KeyIdVariable);
        var secret = _options.SecretKey ?? Environment.GetEnvironmentVariable(_options.SecretKeyVariable);
        if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                $"{Feed.Name}: no API key: set the environment variables {_options.KeyIdVariable} and {_options.SecretKeyVariable}.");
        }

        return (key, secret);
    }

    private Tick ToTick(in AlpacaTrade trade) =>
        new(Feed.Symbols[trade.Symbol], trade.Time, trade.Price, trade.Size, TickSources.Alpaca) { Side = trade.Side };

    private protected override async Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken)
    {
        var (key, secret) = Credentials();
        context.Endpoint = StreamUri.AbsoluteUri;
        Feed.Publish(ConnectionState.Connecting, context.Attempt);
        var socket = await WebSocketConnection.ConnectAsync(
            StreamUri, _options.ConnectTimeout, WebSocket.DefaultKeepAliveInterval, MaxMessageBytes, Feed.Time, cancellationToken).ConfigureAwait(false);
        await using var disposeSocket = socket.ConfigureAwait(false);
        context.ConnectedAt = socket.OpenedAt;
        Feed.Connection.RecordConnectionOpened();
        using var watchdog = new StallWatchdog(Feed, context, socket, _options.StallTimeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = new List<AlpacaEvent>();

        await ExpectAsync(socket, context, "connected", events, stop.Token).ConfigureAwait(false);
        await SendAsync(socket, writer =>
        {
            writer.WriteString("action", "auth");
            writer.WriteString("key", key);
            writer.WriteString("secret", secret);
        }, stop.Token).ConfigureAwait(false);
        await ExpectAsync(socket, context, "authenticated", events, stop.Token).ConfigureAwait(false);
        await SendAsync(socket, writer =>
        {
            writer.WriteString("action", "subscribe");
            writer.WriteStartArray("trades");
            foreach (var symbol in _options.Symbols)
            {
                writer.WriteStringValue(symbol);
            }

            writer.WriteEndArray();
            if (_options.OnBar is not null)
            {
                writer.WriteStartArray("bars");
                foreach (var symbol in _options.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }

                writer.WriteEndArray();
            }
        }, stop.Token).ConfigureAwait(false);

        var holdBack = Feed.EarliestLastTime() is not null;
        Feed.ClearPending();
        var holding = Enumerable.Repeat(holdBack, Feed.Symbols.Count).ToArray();
        var receiving = Task.Run(() => ReceiveAsync(socket, context, holding, stop.Token), CancellationToken.None);
        try
        {
            if (holdBack)
            {
                Feed.Publish(ConnectionState.Backfilling, context.Attempt);
                await BackfillAsync(holding, stop.Token).ConfigureAwait(false);
            }

            context.LiveSince ??= Feed.Time.GetUtcNow();
            Feed.Publish(ConnectionState.Live, 0);
            await receiving.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
            {
                // Reported by whoever saw the connection end first; here it is only torn down.
            }

            await socket.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
    }

    /// <summary>Reads frames until a <c>success</c> message with <paramref name="message"/>; errors end the session.</summary>
    private async Task ExpectAsync(WebSocketConnection socket, SessionContext context, string message, List<AlpacaEvent> events, CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (received.IsClose)
            {
                context.EndReason ??= $"the venue closed the connection while waiting for '{message}'";
                throw new IOException(context.EndReason);
            }

            Feed.Connection.RecordMessage();
            if (received.IsBinary || received.Oversized)
            {
                Feed.Reject(TickRejection.Malformed, received.Oversized ? "a message over the size limit" : "a binary message");
                continue;
            }

            events.Clear();
            AlpacaMessages.ParseFrame(socket.Message(received.Length), Feed.Symbols, events);
            foreach (var item in events)
            {
                if (item.Kind == AlpacaEventKind.Success && string.Equals(item.Message, message, StringComparison.Ordinal))
                {
                    return;
                }

                await HandleAsync(item, context, null, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReceiveAsync(WebSocketConnection socket, SessionContext context, bool[] holding, CancellationToken cancellationToken)
    {
        var events = new List<AlpacaEvent>();
        while (true)
        {
            var received = await socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (received.IsClose)
            {
                context.EndReason ??= "the venue closed the connection";
                return;
            }

            Feed.Connection.RecordMessage();
            if (received.IsBinary || received.Oversized)
            {
                Feed.Reject(TickRejection.Malformed, received.Oversized ? "a message over the size limit" : "a binary message");
                continue;
            }

            events.Clear();
            AlpacaMessages.ParseFrame(socket.Message(received.Length), Feed.Symbols, events);
            foreach (var item in events)
            {
                await HandleAsync(item, context, holding, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(AlpacaEvent item, SessionContext context, bool[]? holding, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case AlpacaEventKind.Trade when holding is not null:
                var tick = ToTick(item.Trade);
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (holding[item.Trade.Symbol])
                    {
                        Feed.Pending(item.Trade.Symbol).Add(new KeyedTick(tick, item.Trade.Nanos));
                    }
                    else
                    {
                        await Feed.EmitAsync(item.Trade.Symbol, tick, item.Trade.Nanos, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _gate.Release();
                }

                break;
            case AlpacaEventKind.Bar:
                _options.OnBar?.Invoke(item.Bar!);
                break;
            case AlpacaEventKind.Invalid:
                Feed.Reject(item.Problem, item.Message!);
                break;
            case AlpacaEventKind.Error:
                HandleError(item.Code, item.Message!, context);
                break;
            default:
                // Success and subscription acknowledgements; trades before the subscription cannot arrive.
                break;
        }
    }

    private void HandleError(int code, string message, SessionContext context)
    {
        Feed.Connection.RecordServerError();
        var codeText = code.ToString(CultureInfo.InvariantCulture);
        LiveSourceLog.ServerError(Feed.Logger, Feed.Name, codeText, message);
        if (code == 403)
        {
            return;
        }

        if (IsFatal(code))
        {
            for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
            {
                Feed.FailSymbol(symbol, codeText, message);
            }

            var hint = code == 402 ? $" (check {_options.KeyIdVariable} and {_options.SecretKeyVariable})" : string.Empty;
            throw new InvalidOperationException($"{Feed.Name}: Alpaca refused the session: {code} {message}{hint}");
        }

        context.EndReason ??= $"Alpaca error {code}: {message}";
        throw new IOException(context.EndReason);
    }

    private static async Task SendAsync(WebSocketConnection socket, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await socket.SendTextAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For each symbol: fetch the trades from the last one yielded (or, for a symbol that never traded, from the time
    /// every symbol is known to be complete up to) until the pages reach the first held-back trade; yield them, then
    /// the held-back ones, then let the connection yield directly.
    /// </summary>
    private async Task BackfillAsync(bool[] holding, CancellationToken cancellationToken)
    {
        var floor = Feed.EarliestLastTime();
        for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
        {
            var history = new List<KeyedTick>();
            string? gap = null;
            long? last;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                last = Feed.LastKey(symbol);
            }
            finally
            {
                _gate.Release();
            }

            try
            {
                if (Feed.IsFailed(symbol))
                {
                    // Nothing to fetch.
                }
                else if (last is { } lastNanos)
                {
                    gap = await FetchAsync(symbol, lastNanos, history, cancellationToken).ConfigureAwait(false);
                }
                else if (floor is { } since)
                {
                    Feed.SetFloor(symbol, since);
                    gap = await FetchAsync(symbol, (since.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, history, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
            {
                gap = ex.Message;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var yielded = await Feed.EmitBackfillAsync(symbol, history, cancellationToken).ConfigureAwait(false);
                holding[symbol] = false;
                LiveSourceLog.BackfillCompleted(Feed.Logger, Feed.Name, Feed.Symbols[symbol], yielded);
            }
            finally
            {
                _gate.Release();
            }

            if (gap is not null)
            {
                Feed.Connection.RecordBackfillGap();
                LiveSourceLog.BackfillGap(Feed.Logger, Feed.Name, Feed.Symbols[symbol], gap);
            }
        }
    }

    /// <summary>Pages through the trades from <paramref name="startNanos"/>; returns a gap description, or null.</summary>
    private async Task<string?> FetchAsync(int symbol, long startNanos, List<KeyedTick> history, CancellationToken cancellationToken)
    {
        var name = Feed.Symbols[symbol];
        string? pageToken = null;
        var trades = new List<AlpacaTrade>();
        var problems = new List<string>();
        for (var page = 0; page < _options.MaxBackfillPages; page++)
        {
            var uri = TradesUri(name, startNanos, pageToken);
            var (status, body) = await RestGet.SendAsync(_http, () => Request(uri), _options.RequestTimeout, Feed, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                Feed.Connection.RecordServerError();
                var message = AlpacaMessages.ParseRestError(body) ?? $"HTTP {(int)status}";
                LiveSourceLog.ServerError(Feed.Logger, Feed.Name, ((int)status).ToString(CultureInfo.InvariantCulture), message);
                return string.Create(CultureInfo.InvariantCulture, $"{(int)status}: {message}");
            }

            trades.Clear();
            problems.Clear();
            if (!AlpacaMessages.TryParsePage(body, symbol, name, trades, problems, out pageToken))
            {
                return "the trades answer is not a page of trades";
            }

            foreach (var problem in problems)
            {
                Feed.Reject(TickRejection.Malformed, $"{name} trade from the REST back-fill: {problem}");
            }

            foreach (var trade in trades)
            {
                history.Add(new KeyedTick(ToTick(trade), trade.Nanos));
            }

            if (pageToken is null || await ReachedPendingAsync(symbol, trades).ConfigureAwait(false))
            {
                return null;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxBackfillPages} pages of {_options.RestPageSize} trades were missed; the newest are not recovered");
    }

    /// <summary>Whether the page reaches the first trade the new connection holds back (the rest is already here).</summary>
    private async Task<bool> ReachedPendingAsync(int symbol, List<AlpacaTrade> page)
    {
        if (page.Count == 0)
        {
            return false;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var pending = Feed.Pending(symbol);
            return pending.Count > 0 && pending[0].Key <= page[^1].Nanos;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Uri TradesUri(string symbol, long startNanos, string? pageToken)
    {
        var query = new StringBuilder();
        if (_options.Feed == AlpacaFeed.Crypto)
        {
            query.Append("v1beta3/crypto/us/trades?symbols=").Append(Uri.EscapeDataString(symbol));
        }
        else
        {
            query.Append("v2/stocks/").Append(Uri.EscapeDataString(symbol)).Append("/trades?");
            query.Append(_options.Feed == AlpacaFeed.Sip ? "feed=sip" : "feed=iex");
        }

        query.Append("&start=").Append(Uri.EscapeDataString(AlpacaMessages.FormatNanos(startNanos)));
        query.Append("&limit=").Append(_options.RestPageSize.ToString(CultureInfo.InvariantCulture));
        query.Append("&sort=asc");
        if (pageToken is not null)
        {
            query.Append("&page_token=").Append(Uri.EscapeDataString(pageToken));
        }

        return new Uri(_restBase, query.ToString());
    }

    private HttpRequestMessage Request(Uri uri)
    {
        var (key, secret) = Credentials();
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("APCA-API-KEY-ID", key);
        request.Headers.Add("APCA-API-SECRET-KEY", secret);
        return request;
    }
}
