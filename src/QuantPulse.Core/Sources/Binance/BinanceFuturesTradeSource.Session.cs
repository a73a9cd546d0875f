using System.Globalization;
using System.Net.WebSockets;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Binance;

public sealed partial class BinanceFuturesTradeSource
{
    /// <summary>Binance's error code for a symbol it does not know.</summary>
    private const string InvalidSymbolCode = "-1121";

    /// <summary>
    /// One session: a connection, then each planned replacement of it, until a connection ends unplanned (the
    /// reconnect loop then starts the next session).
    /// </summary>
    private protected override async Task RunSessionAsync(SessionContext context, CancellationToken cancellationToken)
    {
        context.Endpoint = StreamUri.GetLeftPart(UriPartial.Path);
        Feed.Publish(ConnectionState.Connecting, context.Attempt);
        var current = await OpenAsync(context, null, cancellationToken).ConfigureAwait(false);
        try
        {
            var rotateAt = current.OpenedAt + _options.ConnectionLifetime;
            var rotationFailures = 0;
            while (true)
            {
                Task rotation;
                using (var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var due = rotateAt - Feed.Time.GetUtcNow();
                    rotation = Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, Feed.Time, wake.Token);
                    var finished = await Task.WhenAny(current.Receiving, rotation).ConfigureAwait(false);
                    await wake.CancelAsync().ConfigureAwait(false);
                    if (finished == current.Receiving)
                    {
                        // Rethrows what broke the connection; returns when the venue closed it.
                        await current.Receiving.ConfigureAwait(false);
                        return;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                var age = Feed.Time.GetUtcNow() - current.OpenedAt;
                LiveSourceLog.RotationStarted(Feed.Logger, Feed.Name, (long)age.TotalMinutes);
                try
                {
                    current = await OpenAsync(context, current, cancellationToken).ConfigureAwait(false);
                    rotateAt = current.OpenedAt + _options.ConnectionLifetime;
                    rotationFailures = 0;
                    Feed.Connection.RecordRotation();
                    LiveSourceLog.RotationCompleted(Feed.Logger, Feed.Name);
                }
                catch (Exception ex) when (LiveSourceHost.IsConnectionError(ex, cancellationToken))
                {
                    // The old connection is untouched; try again a little later, well before the venue's limit.
                    var retry = Backoff.BaseDelay(_options.Reconnect, ++rotationFailures);
                    rotateAt = Feed.Time.GetUtcNow() + retry;
                    LiveSourceLog.RotationFailed(Feed.Logger, Feed.Name, ex.Message, (long)retry.TotalMilliseconds);
                }
            }
        }
        finally
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a connection and brings it live: when anything was yielded before (a reconnect, or the replacement of
    /// <paramref name="previous"/>), its trades are held back until the back-fill has filled the gap.
    /// </summary>
    private async Task<StreamConnection> OpenAsync(SessionContext context, StreamConnection? previous, CancellationToken cancellationToken)
    {
        var connection = new StreamConnection(this, context, holdBack: previous is not null || Feed.EarliestLastTime() is not null, cancellationToken);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        context.ConnectedAt ??= connection.OpenedAt;
        Feed.Connection.RecordConnectionOpened();
        try
        {
            if (previous is null)
            {
                // Nothing else receives now; whatever a dead connection held back is history's to fill.
                Feed.ClearPending();
            }

            connection.Start();
            if (previous is not null)
            {
                // The new connection already receives (and holds back) everything from here on.
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            if (connection.HoldsBack)
            {
                Feed.Publish(ConnectionState.Backfilling, context.Attempt);
                await BackfillAsync(connection, overlap: previous is not null, cancellationToken).ConfigureAwait(false);
            }

            context.LiveSince ??= Feed.Time.GetUtcNow();
            Feed.Publish(ConnectionState.Live, 0);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// For each symbol: fetch the trades after the last id yielded (unless the held-back live trades already reach
    /// back to it), yield them, then the held-back ones, then let the connection yield directly.
    /// </summary>
    /// <param name="connection">The connection holding trades back.</param>
    /// <param name="overlap">Whether the previous connection ran until this one was receiving (a planned switch).</param>
    /// <param name="cancellationToken">Stops the source.</param>
    private async Task BackfillAsync(StreamConnection connection, bool overlap, CancellationToken cancellationToken)
    {
        // A symbol that never traded has no id to start from; after an unplanned drop, fetch it from the time every
        // symbol was known to be complete up to.
        var floor = overlap ? null : Feed.EarliestLastTime();
        for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
        {
            var history = new List<KeyedTick>();
            string? gap = null;
            var (last, firstPending) = await PositionAsync(symbol, cancellationToken).ConfigureAwait(false);
            try
            {
                if (Feed.IsFailed(symbol))
                {
                    // Nothing to fetch; the connection ignores the symbol below.
                }
                else if (last is { } lastId && !(firstPending <= lastId + 1))
                {
                    gap = await FetchAsync(symbol, lastId + 1, null, history, cancellationToken).ConfigureAwait(false);
                }
                else if (last is null && floor is { } since)
                {
                    Feed.SetFloor(symbol, since);
                    gap = await FetchAsync(symbol, null, since.ToUnixTimeMilliseconds(), history, cancellationToken).ConfigureAwait(false);
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
                connection.GoLive(symbol);
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

    /// <summary>The last id yielded for the symbol and the first id the new connection holds back.</summary>
    private async Task<(long? Last, long? FirstPending)> PositionAsync(int symbol, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pending = Feed.Pending(symbol);
            return (Feed.LastKey(symbol), pending.Count > 0 ? pending[0].Key : null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pages through <c>aggTrades</c> until caught up with the live stream; returns a gap description, or null.</summary>
    private async Task<string?> FetchAsync(int symbol, long? fromId, long? startTimeMs, List<KeyedTick> history, CancellationToken cancellationToken)
    {
        var name = Feed.Symbols[symbol];
        for (var page = 0; page < _options.MaxBackfillPages; page++)
        {
            var result = await _rest.GetAggTradesAsync(name, symbol, fromId, startTimeMs, _options.RestPageSize, cancellationToken).ConfigureAwait(false);
            if (result.IsError)
            {
                Feed.Connection.RecordServerError();
                LiveSourceLog.ServerError(Feed.Logger, Feed.Name, result.ErrorCode!, result.ErrorMessage!);
                if (result.ErrorCode == InvalidSymbolCode)
                {
                    await RefuseAsync(symbol, result.ErrorCode, result.ErrorMessage!, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                return $"{result.ErrorCode}: {result.ErrorMessage}";
            }

            foreach (var trade in result.Trades)
            {
                if (Usable(trade, name))
                {
                    history.Add(new KeyedTick(ToTick(trade), trade.Id));
                }
            }

            if (result.Trades.Count < _options.RestPageSize)
            {
                return null;
            }

            var lastId = result.Trades[^1].Id;
            var (_, firstPending) = await PositionAsync(symbol, cancellationToken).ConfigureAwait(false);
            if (firstPending <= lastId + 1)
            {
                return null;
            }

            fromId = lastId + 1;
            startTimeMs = null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxBackfillPages} pages of {_options.RestPageSize} trades were missed; the newest are not recovered");
    }

    private async Task RefuseAsync(int symbol, string code, string message, CancellationToken cancellationToken)
    {
        bool allFailed;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            allFailed = Feed.FailSymbol(symbol, code, message);
        }
        finally
        {
            _gate.Release();
        }

        if (allFailed)
        {
            throw new InvalidOperationException(
                $"{Feed.Name}: every symbol was refused: " + string.Join("; ", Feed.Failures.Select(f => $"{f.Symbol} ({f.Code}: {f.Message})")));
        }
    }

    /// <summary>Counts a REST trade that cannot become a tick; true when it can.</summary>
    private bool Usable(in AggTrade trade, string symbol)
    {
        var problem = trade.Problem != TickRejection.None ? trade.Problem
            : UnixTime.FromMilliseconds(trade.TradeTime) is null ? TickRejection.FutureTime
            : TickRejection.None;
        if (problem == TickRejection.None)
        {
            return true;
        }

        Feed.Reject(problem, string.Create(CultureInfo.InvariantCulture, $"{symbol} aggregate trade {trade.Id} from aggTrades"));
        return false;
    }

    /// <summary>One combined-stream connection and its receive loop.</summary>
    private sealed class StreamConnection : IAsyncDisposable
    {
        private readonly BinanceFuturesTradeSource _owner;
        private WebSocketConnection? _socket;
        private readonly SessionContext _context;
        private readonly bool[] _holding;
        private readonly CancellationTokenSource _stop;
        private StallWatchdog? _watchdog;
        private int _disposed;

        public StreamConnection(BinanceFuturesTradeSource owner, SessionContext context, bool holdBack, CancellationToken cancellationToken)
        {
            _owner = owner;
            _context = context;
            HoldsBack = holdBack;
            _holding = [.. Enumerable.Repeat(holdBack, owner.Feed.Symbols.Count)];
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public DateTimeOffset OpenedAt => Socket.OpenedAt;

        private WebSocketConnection Socket => _socket ?? throw new InvalidOperationException("Not connected.");

        /// <summary>Whether the connection started by holding its trades back for a back-fill.</summary>
        public bool HoldsBack { get; }

        /// <summary>Completes when the connection ends: normally when the venue closed it, faulted when it broke.</summary>
        public Task Receiving { get; private set; } = Task.CompletedTask;

        public async Task ConnectAsync() =>
            _socket = await WebSocketConnection.ConnectAsync(
                _owner.StreamUri, _owner._options.ConnectTimeout, WebSocket.DefaultKeepAliveInterval, MaxMessageBytes, _owner.Feed.Time, _stop.Token).ConfigureAwait(false);

        public void Start()
        {
            _watchdog = new StallWatchdog(_owner.Feed, _context, Socket, _owner._options.StallTimeout);
            Receiving = Task.Run(ReceiveAsync);
        }

        /// <summary>Stops holding the symbol's trades back (under the owner's gate).</summary>
        public void GoLive(int symbol) => _holding[symbol] = false;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _watchdog?.Dispose();
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Receiving.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
            {
                // Already reported by whoever watched the connection end; here it is only being torn down.
            }

            if (_socket is { } socket)
            {
                await socket.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                await socket.DisposeAsync().ConfigureAwait(false);
            }

            _stop.Dispose();
        }

        private async Task ReceiveAsync()
        {
            var feed = _owner.Feed;
            var cancellationToken = _stop.Token;
            while (true)
            {
                var received = await Socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (received.IsClose)
                {
                    _context.EndReason ??= "the venue closed the connection";
                    return;
                }

                feed.Connection.RecordMessage();
                if (!TryRead(received, out var trade))
                {
                    continue;
                }

                var tick = _owner.ToTick(trade);
                await _owner._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (_holding[trade.Symbol])
                    {
                        feed.Pending(trade.Symbol).Add(new KeyedTick(tick, trade.Id));
                    }
                    else
                    {
                        await feed.EmitAsync(trade.Symbol, tick, trade.Id, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _owner._gate.Release();
                }
            }
        }

        /// <summary>Parses the message in the buffer; what cannot become a tick is counted here.</summary>
        private bool TryRead(ReceivedMessage received, out AggTrade trade)
        {
            trade = default;
            var feed = _owner.Feed;
            if (received.Oversized || received.IsBinary)
            {
                feed.Reject(TickRejection.Malformed, received.Oversized ? "a message over the size limit" : "a binary message");
                return false;
            }

            var message = Socket.Message(received.Length);
            switch (BinanceMessageParser.ParseStream(message, feed.Symbols, out trade))
            {
                case BinanceMessageKind.AggTrade:
                    return _owner.Usable(trade, message);
                case BinanceMessageKind.Error:
                    feed.Connection.RecordServerError();
                    feed.Reject(TickRejection.UnknownMessage, message);
                    return false;
                case BinanceMessageKind.Unknown:
                    feed.Reject(TickRejection.UnknownMessage, message);
                    return false;
                default:
                    feed.Reject(TickRejection.Malformed, message);
                    return false;
            }
        }
    }
}
