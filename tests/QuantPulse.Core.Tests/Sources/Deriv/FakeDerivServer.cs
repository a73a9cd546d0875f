using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Deriv;

/// <summary>
/// An in-process Deriv API v3 server: it streams a scripted market (every symbol ticks once per step) to subscribed
/// clients in the venue's message shapes, answers <c>ticks_history</c> from the same market and <c>ping</c> with
/// <c>pong</c>, refuses unknown symbols with an <c>error</c> object, and can refuse connections, close, reset or stall
/// them, or send garbage at chosen steps. The market only moves while a client is streaming, plus the steps a
/// disruption says were missed, so every run of a script is identical whatever the timing.
/// </summary>
internal sealed class FakeDerivServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SeriesTick[]> _series;
    private readonly ManualTimeProvider _clock;
    private readonly ScriptedMarket _market;
    private readonly List<Connection> _connections = [];
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private int _refuse;
    private int _pings;
    private TaskCompletionSource? _historyGate;

    private FakeDerivServer(Dictionary<string, SeriesTick[]> series, int startPosition, ManualTimeProvider clock, bool requireHistory)
    {
        _series = series;
        _clock = clock;
        _market = new ScriptedMarket(series.Values.First().Length, startPosition);
        RequireHistory = requireHistory;
    }

    public readonly record struct SeriesTick(long Epoch, decimal Price);

    public Uri Endpoint => new(_server!.WebSocketBase, "websockets/v3");

    /// <summary>Symbols answered with an <c>InvalidSymbol</c> error (besides those the market does not have).</summary>
    public HashSet<string> UnknownSymbols { get; } = [];

    /// <summary>Whether the market waits for every symbol's <c>ticks_history</c> before it moves (set when the client warms up).</summary>
    public bool RequireHistory { get; }

    public ConcurrentQueue<DateTimeOffset> ConnectionAttempts { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    public int PingsReceived => Volatile.Read(ref _pings);

    /// <summary>Completes when a stall disruption has happened.</summary>
    public Task Stalled => _stalled.Task;

    public static async Task<FakeDerivServer> StartAsync(Dictionary<string, SeriesTick[]> series, int startPosition, ManualTimeProvider clock, bool requireHistory)
    {
        var server = new FakeDerivServer(series, startPosition, clock, requireHistory);
        server._server = await LoopbackServer.StartAsync(app => app.Map("/websockets/v3", server.HandleAsync));
        return server;
    }

    /// <summary>A random walk per symbol, two decimals, one tick every two seconds ending an hour before the clock.</summary>
    public static Dictionary<string, SeriesTick[]> Market(ManualTimeProvider clock, int length, params string[] symbols)
    {
        var start = clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds() - (2L * length);
        var series = new Dictionary<string, SeriesTick[]>();
        for (var s = 0; s < symbols.Length; s++)
        {
            var random = new Random(1000 + s);
            var price = 1000m + (100m * s);
            series[symbols[s]] = [.. Enumerable.Range(0, length).Select(i =>
            {
                price += random.Next(-50, 51) / 100m;
                return new SeriesTick(start + (2L * i), price);
            })];
        }

        return series;
    }

    public void Add(Disruption disruption) => _market.Add(disruption);

    public void StopAt(int step) => _market.StopAt(step);

    public void ReportYielded(int count) => _market.ReportYielded(count);

    /// <summary>Refuses the next <paramref name="count"/> connection attempts with HTTP 503.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    /// <summary>Holds every <c>ticks_history</c> answer until <see cref="ReleaseHistory"/>.</summary>
    public void HoldHistory() => _historyGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHistory() => _historyGate?.TrySetResult();

    /// <summary>Resets every open connection now; the market does not move.</summary>
    public void DropAll()
    {
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                connection.Socket.Abort();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropAll();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        ConnectionAttempts.Enqueue(_clock.GetUtcNow());
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["app_id"].Count != 1)
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (Interlocked.Decrement(ref _refuse) >= 0)
        {
            context.Response.StatusCode = 503;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(new FakeSocket(socket));
        lock (_gate)
        {
            _connections.Add(connection);
        }

        var streaming = Task.Run(() => StreamAsync(connection));
        try
        {
            await ReceiveAsync(connection);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            await connection.Socket.Stop.CancelAsync();
            socket.Abort();
            try
            {
                await streaming;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
            }

            lock (_gate)
            {
                _connections.Remove(connection);
            }

            connection.Socket.Dispose();
        }
    }

    private async Task ReceiveAsync(Connection connection)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await connection.Socket.Socket.ReceiveAsync(buffer.AsMemory(length), connection.Socket.Stop.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, length);
            Requests.Enqueue(text);
            await AnswerAsync(connection, JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    private async Task AnswerAsync(Connection connection, JsonElement request)
    {
        var reqId = request.TryGetProperty("req_id", out var r) ? r.GetInt64() : 0;
        if (request.TryGetProperty("ticks", out var ticks))
        {
            var symbol = ticks.GetString()!;
            if (UnknownSymbols.Contains(symbol) || !_series.ContainsKey(symbol))
            {
                await connection.Socket.SendAsync(Invariant(
                    $$"""{"echo_req":{"req_id":{{reqId}},"subscribe":1,"ticks":"{{symbol}}"},"error":{"code":"InvalidSymbol","message":"Symbol {{symbol}} invalid."},"msg_type":"ticks","req_id":{{reqId}}}"""));
                return;
            }

            connection.SubscribedAt[symbol] = _market.Read(position => position);
            connection.Subscriptions[symbol] = reqId;
            CheckReady(connection);
        }
        else if (request.TryGetProperty("ticks_history", out var historySymbol))
        {
            if (_historyGate is { } gate)
            {
                // Held answers must not block pings and subscriptions behind them.
                _ = Task.Run(async () =>
                {
                    await gate.Task.WaitAsync(connection.Socket.Stop.Token);
                    await AnswerHistoryAsync(connection, request, reqId, historySymbol.GetString()!);
                });
                return;
            }

            await AnswerHistoryAsync(connection, request, reqId, historySymbol.GetString()!);
        }
        else if (request.TryGetProperty("ping", out _))
        {
            Interlocked.Increment(ref _pings);
            if (!connection.Stalled)
            {
                await connection.Socket.SendAsync("""{"echo_req":{"ping":1},"msg_type":"ping","ping":"pong"}""");
            }
        }
        else
        {
            await connection.Socket.SendAsync("""{"echo_req":{},"error":{"code":"UnrecognisedRequest","message":"Unrecognised request"},"msg_type":"error"}""");
        }
    }

    private async Task AnswerHistoryAsync(Connection connection, JsonElement request, long reqId, string symbol)
    {
        if (!_series.TryGetValue(symbol, out var series) || UnknownSymbols.Contains(symbol))
        {
            await connection.Socket.SendAsync(Invariant(
                $$"""{"echo_req":{"ticks_history":"{{symbol}}"},"error":{"code":"InvalidSymbol","message":"Symbol {{symbol}} invalid."},"msg_type":"history","req_id":{{reqId}}}"""));
            return;
        }

        // Deriv answers with the latest `count` ticks in [start, end]. "Latest" is taken as of the symbol's
        // subscription on this connection, as if the venue had answered at once: the market starts streaming to the
        // connection once every symbol is subscribed, and how far it got before this request was read is scheduling
        // luck, which would change how many pages a back-fill takes.
        var count = request.GetProperty("count").GetInt32();
        long? start = request.TryGetProperty("start", out var s) ? s.GetInt64() : null;
        var end = request.GetProperty("end") is { ValueKind: JsonValueKind.Number } e ? e.GetInt64() : long.MaxValue;
        var latest = connection.SubscribedAt.TryGetValue(symbol, out var subscribedAt) ? subscribedAt : int.MaxValue;
        var answer = _market.Read(position =>
            series.Take(Math.Min(position, latest)).Where(t => t.Epoch <= end && (start is null || t.Epoch >= start)).TakeLast(count).ToArray());

        var prices = string.Join(',', answer.Select(t => t.Price.ToString(CultureInfo.InvariantCulture)));
        var times = string.Join(',', answer.Select(t => t.Epoch.ToString(CultureInfo.InvariantCulture)));
        await connection.Socket.SendAsync(Invariant(
            $$"""{"echo_req":{"count":{{count}},"end":"latest","req_id":{{reqId}},"style":"ticks","ticks_history":"{{symbol}}"},"history":{"prices":[{{prices}}],"times":[{{times}}]},"msg_type":"history","pip_size":2,"req_id":{{reqId}}}"""));
        connection.History[symbol] = true;
        CheckReady(connection);
    }

    private void CheckReady(Connection connection)
    {
        if (_series.Keys.Where(k => !UnknownSymbols.Contains(k))
            .All(k => connection.Subscriptions.ContainsKey(k) && (!RequireHistory || connection.History.ContainsKey(k))))
        {
            connection.Ready.TrySetResult();
        }
    }

    private async Task StreamAsync(Connection connection)
    {
        var stop = connection.Socket.Stop.Token;
        await connection.Ready.Task.WaitAsync(stop);
        while (true)
        {
            var changed = _market.WaitAsync(stop);
            var (step, disruption) = _market.Next();
            switch (disruption?.Kind)
            {
                case DisruptionKind.Close:
                    await connection.Socket.CloseAsync();
                    return;
                case DisruptionKind.Abort:
                    connection.Socket.Abort();
                    return;
                case DisruptionKind.Stall:
                    connection.Stalled = true;
                    _stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, stop);
                    return;
                case DisruptionKind.Garbage:
                    foreach (var (text, binary) in disruption.Messages!)
                    {
                        await connection.Socket.SendAsync(text, binary);
                    }

                    continue;
                default:
                    break;
            }

            if (step < 0)
            {
                await changed;
                continue;
            }

            foreach (var (symbol, series) in _series)
            {
                if (connection.Subscriptions.TryGetValue(symbol, out var reqId))
                {
                    var t = series[step];
                    var quote = t.Price.ToString(CultureInfo.InvariantCulture);
                    await connection.Socket.SendAsync(Invariant(
                        $$$"""{"echo_req":{"req_id":{{{reqId}}},"subscribe":1,"ticks":"{{{symbol}}}"},"msg_type":"tick","req_id":{{{reqId}}},"subscription":{"id":"sub-{{{symbol}}}"},"tick":{"ask":{{{quote}}},"bid":{{{quote}}},"epoch":{{{t.Epoch}}},"id":"sub-{{{symbol}}}","pip_size":2,"quote":{{{quote}}},"symbol":"{{{symbol}}}"}}"""));
                }
            }

            _market.Advance();
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Connection(FakeSocket socket)
    {
        public FakeSocket Socket { get; } = socket;

        public ConcurrentDictionary<string, long> Subscriptions { get; } = new();

        public ConcurrentDictionary<string, bool> History { get; } = new();

        /// <summary>The market position when each symbol was subscribed on this connection.</summary>
        public ConcurrentDictionary<string, int> SubscribedAt { get; } = new();

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Stalled;
    }
}
