using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Trading.Internal;

namespace QuantPulse.Trading.Alpaca;

/// <summary>
/// Orders through Alpaca's trading API (<c>POST/GET/DELETE /v2/orders</c>, <c>GET /v2/positions</c>,
/// <c>GET /v2/account</c>), with fills and other order changes from its <c>trade_updates</c> stream.
/// </summary>
/// <remarks>
/// <para>
/// Every order passes <see cref="PreTradeRisk"/> before it is sent; a refused order never reaches Alpaca and comes
/// back rejected with an id starting <c>local-</c>. Alpaca's own refusals (403, 422) come back rejected too, the
/// reason starting <c>venue:</c> with Alpaca's message. A 429 is retried after <c>Retry-After</c> (or 1, 2, 4 s) up to
/// <see cref="AlpacaBrokerOptions.MaxRateLimitRetries"/> times; after that, and on any other failure, the call throws
/// <see cref="AlpacaException"/>. A retry with the same client order id returns the order Alpaca already has.
/// </para>
/// <para>
/// <see cref="StartStreaming"/> connects the <c>trade_updates</c> stream (auth, then listen) and reconnects with a
/// doubling back-off when it drops. Thread-safe.
/// </para>
/// </remarks>
public sealed class AlpacaBroker : IBroker, IAsyncDisposable
{
    private readonly AlpacaBrokerOptions _options;
    private readonly FeedWatch _feed;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly OrderPublisher _updates;
    private readonly Uri _base;
    private readonly string _keyId;
    private readonly string _secret;
    private readonly CancellationTokenSource _stop = new();
    private Task _stream = Task.CompletedTask;
    private long _localRejections;
    private volatile string _streamState = "stopped";

    /// <summary>Creates the broker; nothing is sent until the first call.</summary>
    /// <param name="options">URLs, keys, retries and risk limits.</param>
    /// <param name="feed">The latest prices and tick arrivals, for the pre-trade checks.</param>
    /// <param name="http">The HTTP client to use; null creates one the broker owns.</param>
    /// <param name="loggerFactory">Receives logs; null logs nothing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="feed"/> is null.</exception>
    /// <exception cref="ArgumentException">No key id or secret key is configured or in the environment.</exception>
    public AlpacaBroker(AlpacaBrokerOptions options, FeedWatch feed, HttpClient? http = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        _options = options;
        _feed = feed;
        _keyId = options.KeyId ?? Environment.GetEnvironmentVariable(AlpacaBrokerOptions.KeyIdVariable) ?? string.Empty;
        _secret = options.SecretKey ?? Environment.GetEnvironmentVariable(AlpacaBrokerOptions.SecretKeyVariable) ?? string.Empty;
        if (_keyId.Length == 0 || _secret.Length == 0)
        {
            throw new ArgumentException(
                $"The Alpaca broker needs API keys: set {AlpacaBrokerOptions.KeyIdVariable} and {AlpacaBrokerOptions.SecretKeyVariable} in the environment.",
                nameof(options));
        }

        _base = options.TradingBaseUrl.AbsoluteUri.EndsWith('/') ? options.TradingBaseUrl : new Uri(options.TradingBaseUrl.AbsoluteUri + "/");
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AlpacaBroker>();
        _updates = new OrderPublisher(ex => Log.SubscriberFailed(_logger, ex));
    }

    /// <inheritdoc/>
    public string Name => "alpaca";

    /// <inheritdoc/>
    public bool IsExternal => true;

    /// <inheritdoc/>
    public IObservable<Order> OrderUpdates => _updates;

    /// <summary>The <c>trade_updates</c> stream's state: stopped, connecting, listening, unauthorized or disconnected.</summary>
    public string StreamState => _streamState;

    /// <summary>Starts the <c>trade_updates</c> stream in the background; a second call does nothing.</summary>
    public void StartStreaming()
    {
        if (_stream.IsCompleted && !_stop.IsCancellationRequested)
        {
            _stream = Task.Run(() => StreamLoopAsync(_stop.Token));
        }
    }

    /// <inheritdoc/>
    public async Task<Order> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientOrderId is { } clientId)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, "v2/orders:by_client_order_id?client_order_id=" + Uri.EscapeDataString(clientId), null, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.OK)
            {
                return Parse(body, static o => AlpacaWire.Order(o));
            }

            if (status != HttpStatusCode.NotFound)
            {
                throw Failure("GET v2/orders:by_client_order_id", status, body);
            }
        }

        var position = _options.Risk.MaxPositionSize is null ? 0m
            : (await GetPositionsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Symbol == request.Symbol)?.Quantity ?? 0m;
        var open = _options.Risk.MaxOpenOrders is null ? 0
            : (await GetOrdersAsync(new OrderQuery(OpenOnly: true), cancellationToken).ConfigureAwait(false)).Count;
        if (PreTradeRisk.Check(request, _options.Risk, _feed, position, open) is { } refused)
        {
            return Publish(Rejected(request, string.Create(CultureInfo.InvariantCulture, $"local-{Interlocked.Increment(ref _localRejections):D6}"), refused));
        }

        var (placed, answer) = await SendAsync(HttpMethod.Post, "v2/orders", AlpacaWire.OrderRequest(request), cancellationToken).ConfigureAwait(false);
        if (placed == HttpStatusCode.OK)
        {
            return Publish(Parse(answer, static o => AlpacaWire.Order(o)));
        }

        if (placed is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity)
        {
            var reason = PreTradeRisk.Reason(RiskRule.Venue, $"{AlpacaWire.ErrorMessage(answer)} (HTTP {(int)placed})");
            var id = string.Create(CultureInfo.InvariantCulture, $"local-{Interlocked.Increment(ref _localRejections):D6}");
            return Publish(Rejected(request, id, reason));
        }

        throw Failure("POST v2/orders", placed, answer);
    }

    /// <inheritdoc/>
    public async Task<Order?> CancelOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var (status, body) = await SendAsync(HttpMethod.Delete, "v2/orders/" + Uri.EscapeDataString(orderId), null, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        // 422: the order can no longer be canceled (filled, for example); what it is now is the answer.
        if (status is not (HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity))
        {
            throw Failure("DELETE v2/orders", status, body);
        }

        return await GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var (status, body) = await SendAsync(HttpMethod.Get, "v2/orders/" + Uri.EscapeDataString(orderId), null, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            HttpStatusCode.OK => Parse<Order?>(body, static o => AlpacaWire.Order(o)),
            HttpStatusCode.NotFound => null,
            _ => throw Failure("GET v2/orders/{id}", status, body),
        };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Order>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "v2/orders?status=" + (query.OpenOnly ? "open" : "all") + "&limit=500&direction=desc&nested=true"
            + (query.Symbol is { } symbol ? "&symbols=" + Uri.EscapeDataString(symbol) : string.Empty);
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failure("GET v2/orders", status, body);
        }

        return Parse(body, root => root.EnumerateArray().SelectMany(AlpacaWire.OrderWithLegs).Where(query.Matches).ToList());
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Position>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "v2/positions", null, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failure("GET v2/positions", status, body);
        }

        return Parse(body, root => root.EnumerateArray().Select(AlpacaWire.Position).OrderBy(p => p.Symbol, StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc/>
    public async Task<Account> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var positions = await GetPositionsAsync(cancellationToken).ConfigureAwait(false);
        var (status, body) = await SendAsync(HttpMethod.Get, "v2/account", null, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw Failure("GET v2/account", status, body);
        }

        return Parse(body, root => AlpacaWire.Account(root, positions));
    }

    /// <summary>Stops the stream and releases the HTTP client it owns.</summary>
    /// <returns>A task that completes when the stream has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _stream.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _stop.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Order Rejected(OrderRequest request, string id, string reason)
    {
        var now = DateTimeOffset.UtcNow;
        return new Order(id, request.ClientOrderId ?? id, request.Symbol, request.Side, request.Type, request.Quantity, request.TimeInForce, OrderStatus.Rejected, now, now)
        {
            LimitPrice = request.LimitPrice,
            StopPrice = request.StopPrice,
            TakeProfit = request.TakeProfit,
            StopLoss = request.StopLoss,
            Reason = reason,
        };
    }

    private static T Parse<T>(byte[] body, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            throw new AlpacaException($"Alpaca sent an answer that could not be read: {ex.Message}", ex);
        }
    }

    private static AlpacaException Failure(string call, HttpStatusCode status, byte[] body) =>
        new($"{call} failed with HTTP {(int)status}: {AlpacaWire.ErrorMessage(body)}") { StatusCode = (int)status };

    private Order Publish(Order order)
    {
        _updates.Publish([order]);
        return order;
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string path, byte[]? json, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(method, new Uri(_base, path));
            message.Headers.Add("APCA-API-KEY-ID", _keyId);
            message.Headers.Add("APCA-API-SECRET-KEY", _secret);
            if (json is not null)
            {
                message.Content = new ByteArrayContent(json);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _feed.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            HttpStatusCode status;
            byte[] body;
            TimeSpan? retryAfter;
            try
            {
                using var response = await _http.SendAsync(message, linked.Token).ConfigureAwait(false);
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new AlpacaException($"No answer from {_base.Host} within {_options.RequestTimeout.TotalSeconds:0.#} s.", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new AlpacaException($"{_base.Host} could not be reached: {ex.Message}", ex);
            }

            if (status != HttpStatusCode.TooManyRequests)
            {
                return (status, body);
            }

            if (attempt > _options.MaxRateLimitRetries)
            {
                throw new AlpacaException($"Still rate-limited by {_base.Host} (HTTP 429) after {_options.MaxRateLimitRetries} retries.") { StatusCode = 429 };
            }

            var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            AlpacaLog.RateLimited(_logger, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _feed.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StreamLoopAsync(CancellationToken cancellationToken)
    {
        var delay = _options.ReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _streamState = "connecting";
                if (await ListenAsync(cancellationToken).ConfigureAwait(false))
                {
                    delay = _options.ReconnectDelay;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or JsonException or FormatException or IOException or InvalidOperationException)
            {
                AlpacaLog.StreamDropped(_logger, ex.Message);
            }

            if (_streamState != "unauthorized")
            {
                _streamState = "disconnected";
            }

            await Task.Delay(delay, _feed.Time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }

        _streamState = "stopped";
    }

    // True when the stream was listening before it ended (the back-off starts over).
    private async Task<bool> ListenAsync(CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(_options.StreamUrl, cancellationToken).ConfigureAwait(false);
        await SendAsync(socket, AlpacaWire.Auth(_keyId, _secret), cancellationToken).ConfigureAwait(false);
        var listening = false;
        while (await ReceiveAsync(socket, cancellationToken).ConfigureAwait(false) is { } frame)
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            var stream = root.TryGetProperty("stream", out var s) ? s.GetString() : null;
            var data = root.TryGetProperty("data", out var d) ? d : default;
            switch (stream)
            {
                case "authorization":
                    if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("status", out var st) || st.GetString() != "authorized")
                    {
                        _streamState = "unauthorized";
                        AlpacaLog.StreamUnauthorized(_logger);
                        return false;
                    }

                    await SendAsync(socket, AlpacaWire.ListenTradeUpdates, cancellationToken).ConfigureAwait(false);
                    break;
                case "listening":
                    listening = true;
                    _streamState = "listening";
                    break;
                case "trade_updates" when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("order", out var order):
                    _updates.Publish(AlpacaWire.OrderWithLegs(order).Take(1));
                    break;
                default:
                    break;
            }
        }

        return listening;
    }

    private static Task SendAsync(ClientWebSocket socket, byte[] json, CancellationToken cancellationToken) =>
        socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    // One whole message (Alpaca's paper stream sends binary frames, the data stream text ones), or null when closed.
    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk.AsSpan(0, result.Count));
            if (result.EndOfMessage)
            {
                return buffer.ToArray();
            }

            if (buffer.Length > 1 << 20)
            {
                throw new InvalidOperationException("An Alpaca stream message is larger than 1 MiB.");
            }
        }
    }
}
