using System.Globalization;
using System.Net.WebSockets;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Deriv;

public sealed partial class DerivTickSource
{
    /// <summary>Error codes after which the connection is retried rather than the symbol given up.</summary>
    private static readonly HashSet<string> TransientErrorCodes = new(StringComparer.Ordinal)
    {
        "RateLimit", "InternalServerError", "ServiceUnavailable", "WrongResponse",
    };

    private enum RequestKind
    {
        Subscribe,
        History,
    }

    private readonly record struct Request(RequestKind Kind, int Symbol, int Count);

    /// <summary>The back-fill of one symbol on one connection: the pages received so far, newest page first.</summary>
    private sealed class Backfill(long? start, DateTimeOffset requestedAt)
    {
        public long? Start { get; } = start;

        public List<(long[] Times, decimal[] Prices)> Pages { get; } = [];

        public int Total { get; set; }

        public DateTimeOffset RequestedAt { get; set; } = requestedAt;
    }

    /// <summary>The state of one connection. Everything here runs on the receive loop, except <see cref="SendKeepAlive"/>.</summary>
    private sealed class Session
    {
        private readonly DerivSourceOptions _options;
        private readonly LiveFeed Feed;
        private readonly WebSocketConnection _connection;
        private readonly SessionContext _context;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<long, Request> _requests = [];
        private readonly Backfill?[] _backfills;
        private long _lastRequestId;
        private int _backfilling;
        private ConnectionState _published = ConnectionState.Connecting;

        public Session(DerivTickSource owner, WebSocketConnection connection, SessionContext context, CancellationToken cancellationToken)
        {
            _options = owner._options;
            Feed = owner.Feed;
            _connection = connection;
            _context = context;
            _cancellationToken = cancellationToken;
            _backfills = new Backfill?[Feed.Symbols.Count];
        }

        public async Task RunAsync()
        {
            await SubscribeAsync().ConfigureAwait(false);
            while (true)
            {
                var received = await _connection.ReceiveAsync(_cancellationToken).ConfigureAwait(false);
                if (received.IsClose)
                {
                    _context.EndReason ??= "the venue closed the connection";
                    return;
                }

                Feed.Connection.RecordMessage();
                var message = Read(received);
                switch (message.Kind)
                {
                    case DerivMessageKind.Tick:
                        await OnTickAsync(message).ConfigureAwait(false);
                        break;
                    case DerivMessageKind.History:
                        await OnHistoryAsync(message).ConfigureAwait(false);
                        break;
                    case DerivMessageKind.Error:
                        await OnErrorAsync(message).ConfigureAwait(false);
                        break;
                    default:
                        break;
                }

                if (_backfilling > 0)
                {
                    await ExpireBackfillsAsync().ConfigureAwait(false);
                }
            }
        }

        private int FirstPage => Math.Min(_options.HistoryPageSize, _options.MaxBackfillTicks);

        public void SendKeepAlive() => _ = SendKeepAliveAsync();

        private async Task SendKeepAliveAsync()
        {
            try
            {
                await _connection.SendTextAsync(DerivRequests.Ping, _cancellationToken).ConfigureAwait(false);
                Feed.Connection.RecordKeepAlive();
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The receive loop sees the broken connection and reconnects; a lost ping changes nothing else.
                LiveSourceLog.KeepAliveFailed(Feed.Logger, Feed.Name, ex.Message);
            }
        }

        private async Task SubscribeAsync()
        {
            Feed.ClearPending();
            for (var symbol = 0; symbol < Feed.Symbols.Count; symbol++)
            {
                if (Feed.IsFailed(symbol))
                {
                    continue;
                }

                await SendAsync(DerivRequests.Subscribe(Feed.Symbols[symbol], NewRequest(RequestKind.Subscribe, symbol, 0))).ConfigureAwait(false);
                if (Feed.LastKey(symbol) is { } lastEpoch)
                {
                    // Everything since the last tick we yielded (that one comes back and is dropped as a duplicate).
                    await BeginBackfillAsync(symbol, lastEpoch, FirstPage).ConfigureAwait(false);
                }
                else if (_options.WarmUpTicks > 0)
                {
                    Feed.ExpectHistory(symbol);
                    await BeginBackfillAsync(symbol, null, _options.WarmUpTicks).ConfigureAwait(false);
                }
                else if (Feed.EarliestLastTime() is { } floor)
                {
                    // Never ticked yet, but others did before the connection dropped: fetch from there on.
                    Feed.SetFloor(symbol, floor);
                    await BeginBackfillAsync(symbol, floor.ToUnixTimeSeconds(), FirstPage).ConfigureAwait(false);
                }
            }

            UpdateState();
        }

        private async Task BeginBackfillAsync(int symbol, long? start, int count)
        {
            _backfills[symbol] = new Backfill(start, Feed.Time.GetUtcNow());
            _backfilling++;
            await RequestHistoryAsync(symbol, start, null, count).ConfigureAwait(false);
        }

        private async Task RequestHistoryAsync(int symbol, long? start, long? end, int count)
        {
            Feed.Connection.RecordBackfillRequest();
            var id = NewRequest(RequestKind.History, symbol, count);
            await SendAsync(DerivRequests.TicksHistory(Feed.Symbols[symbol], start, end, count, id)).ConfigureAwait(false);
        }

        private long NewRequest(RequestKind kind, int symbol, int count)
        {
            var id = ++_lastRequestId;
            _requests[id] = new Request(kind, symbol, count);
            return id;
        }

        private Task SendAsync(byte[] request) => _connection.SendTextAsync(request, _cancellationToken);

        /// <summary>Parses the message in the buffer; input that cannot be used is counted here and comes back as Malformed.</summary>
        private DerivMessage Read(ReceivedMessage received)
        {
            if (received.Oversized || received.IsBinary)
            {
                Feed.Reject(TickRejection.Malformed, received.Oversized ? "a message over the size limit" : "a binary message");
                return default;
            }

            var bytes = _connection.Message(received.Length);
            var message = DerivMessageParser.Parse(bytes, Feed.Symbols);
            switch (message.Kind)
            {
                case DerivMessageKind.Malformed:
                    Feed.Reject(TickRejection.Malformed, bytes);
                    break;
                case DerivMessageKind.Unknown:
                    Feed.Reject(TickRejection.UnknownMessage, bytes);
                    break;
                case DerivMessageKind.Tick when message.Problem != TickRejection.None:
                    Feed.Reject(message.Problem, bytes);
                    message.Kind = DerivMessageKind.Malformed;
                    break;
                case DerivMessageKind.Tick when UnixTime.FromSeconds(message.Epoch) is null:
                    Feed.Reject(TickRejection.FutureTime, bytes);
                    message.Kind = DerivMessageKind.Malformed;
                    break;
                case DerivMessageKind.History when message.Problem != TickRejection.None:
                    Feed.Reject(message.Problem, bytes);
                    break;
                default:
                    break;
            }

            return message;
        }

        private ValueTask OnTickAsync(in DerivMessage message)
        {
            var tick = new Tick(Feed.Symbols[message.Symbol], UnixTime.FromSeconds(message.Epoch)!.Value, message.Quote, 0m, TickSources.Deriv)
            {
                Bid = _options.IncludeBidAsk ? message.Bid : null,
                Ask = _options.IncludeBidAsk ? message.Ask : null,
            };
            if (_backfills[message.Symbol] is not null)
            {
                Feed.Pending(message.Symbol).Add(new KeyedTick(tick, message.Epoch));
                return default;
            }

            return Feed.EmitAsync(message.Symbol, tick, message.Epoch, _cancellationToken);
        }

        private async Task OnHistoryAsync(DerivMessage message)
        {
            // An answer nobody waits for any more (its back-fill timed out) is simply late.
            if (!_requests.Remove(message.RequestId, out var request) || request.Kind != RequestKind.History ||
                _backfills[request.Symbol] is not { } backfill)
            {
                return;
            }

            if (message.Problem != TickRejection.None)
            {
                await FinishBackfillAsync(request.Symbol, "the history answer was malformed").ConfigureAwait(false);
                return;
            }

            var times = message.HistoryTimes!;
            backfill.Pages.Add((times, message.HistoryPrices!));
            backfill.Total += times.Length;

            // A full page that does not reach back to the start means there is more before it.
            if (backfill.Start is { } start && times.Length >= request.Count && times.Length > 0 && times[0] > start)
            {
                if (backfill.Total < _options.MaxBackfillTicks)
                {
                    backfill.RequestedAt = Feed.Time.GetUtcNow();
                    var count = Math.Min(_options.HistoryPageSize, _options.MaxBackfillTicks - backfill.Total);
                    await RequestHistoryAsync(request.Symbol, start, times[0] - 1, count).ConfigureAwait(false);
                    return;
                }

                await FinishBackfillAsync(
                    request.Symbol,
                    string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxBackfillTicks} ticks were missed; those before epoch {times[0]} are not recovered")).ConfigureAwait(false);
                return;
            }

            await FinishBackfillAsync(request.Symbol, null).ConfigureAwait(false);
        }

        private async Task FinishBackfillAsync(int symbol, string? gap)
        {
            var backfill = _backfills[symbol]!;
            _backfills[symbol] = null;
            _backfilling--;

            var name = Feed.Symbols[symbol];
            var history = new List<KeyedTick>(backfill.Total);
            for (var p = backfill.Pages.Count - 1; p >= 0; p--)
            {
                var (times, prices) = backfill.Pages[p];
                for (var i = 0; i < times.Length; i++)
                {
                    if (UnixTime.FromSeconds(times[i]) is { } time)
                    {
                        history.Add(new KeyedTick(new Tick(name, time, prices[i], 0m, TickSources.Deriv), times[i]));
                    }
                    else
                    {
                        Feed.Reject(TickRejection.FutureTime, string.Create(CultureInfo.InvariantCulture, $"{name} history epoch {times[i]}"));
                    }
                }
            }

            history.Sort(static (a, b) => a.Key.CompareTo(b.Key));
            var yielded = await Feed.EmitBackfillAsync(symbol, history, _cancellationToken).ConfigureAwait(false);
            LiveSourceLog.BackfillCompleted(Feed.Logger, Feed.Name, name, yielded);
            if (gap is not null)
            {
                Feed.Connection.RecordBackfillGap();
                LiveSourceLog.BackfillGap(Feed.Logger, Feed.Name, name, gap);
            }

            UpdateState();
        }

        private async Task ExpireBackfillsAsync()
        {
            var now = Feed.Time.GetUtcNow();
            for (var symbol = 0; symbol < _backfills.Length; symbol++)
            {
                if (_backfills[symbol] is { } backfill && now - backfill.RequestedAt > _options.BackfillTimeout)
                {
                    await FinishBackfillAsync(
                        symbol,
                        string.Create(CultureInfo.InvariantCulture, $"no history answer within {_options.BackfillTimeout.TotalSeconds:0.#} s")).ConfigureAwait(false);
                }
            }
        }

        private async Task OnErrorAsync(DerivMessage message)
        {
            var code = message.ErrorCode!;
            Feed.Connection.RecordServerError();
            LiveSourceLog.ServerError(Feed.Logger, Feed.Name, code, message.ErrorMessage!);

            var symbol = -1;
            var kind = RequestKind.Subscribe;
            if (message.RequestId != 0 && _requests.Remove(message.RequestId, out var request))
            {
                symbol = request.Symbol;
                kind = request.Kind;
            }
            else if (message.EchoSymbol >= 0)
            {
                symbol = message.EchoSymbol;
            }

            if (symbol < 0 || code == "AlreadySubscribed")
            {
                return;
            }

            if (TransientErrorCodes.Contains(code))
            {
                throw new IOException($"{Feed.Name}: {code}: {message.ErrorMessage}");
            }

            if (kind == RequestKind.History && code != "InvalidSymbol")
            {
                if (_backfills[symbol] is not null)
                {
                    await FinishBackfillAsync(symbol, $"{code}: {message.ErrorMessage}").ConfigureAwait(false);
                }

                return;
            }

            if (_backfills[symbol] is not null)
            {
                _backfills[symbol] = null;
                _backfilling--;
            }

            if (Feed.FailSymbol(symbol, code, message.ErrorMessage!))
            {
                throw new InvalidOperationException(
                    $"{Feed.Name}: every symbol was refused: " + string.Join("; ", Feed.Failures.Select(f => $"{f.Symbol} ({f.Code}: {f.Message})")));
            }

            UpdateState();
        }

        private void UpdateState()
        {
            if (_backfilling > 0)
            {
                if (_published != ConnectionState.Backfilling)
                {
                    _published = ConnectionState.Backfilling;
                    Feed.Publish(ConnectionState.Backfilling, _context.Attempt);
                }
            }
            else if (_published != ConnectionState.Live)
            {
                _published = ConnectionState.Live;
                _context.LiveSince = Feed.Time.GetUtcNow();
                Feed.Publish(ConnectionState.Live, 0);
            }
        }
    }
}
