using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Binance;

/// <summary>
/// An in-process Binance USD-M futures venue: the routed combined stream
/// (<c>/market/stream?streams=btcusdt@aggTrade/…</c>) pushing <c>aggTrade</c> events in their wrapper, and
/// <c>GET /fapi/v1/aggTrades</c> serving the same market by id or start time. The market moves one step at a time,
/// only while a client is connected (every open connection gets each step), plus the steps a disruption says were
/// missed; so a script gives the same trades whatever the timing.
/// </summary>
internal sealed class FakeBinanceServer : FakeWebSocketVenue
{
    private readonly Dictionary<string, Trade[]> _trades;
    private readonly ManualTimeProvider _clock;
    private int _refuse;
    private int _rateLimit;
    private int _clientCloses;

    private FakeBinanceServer(Dictionary<string, Trade[]> trades, ManualTimeProvider clock)
        : base(new ScriptedMarket(trades.Values.Max(t => t.Length == 0 ? 0 : t[^1].Step + 1)))
    {
        _trades = trades;
        _clock = clock;
    }

    /// <summary>One aggregate trade of the scripted market, happening at <paramref name="Step"/>.</summary>
    public sealed record Trade(int Step, string Symbol, long Id, string Price, string Quantity, long Time, bool BuyerIsMaker);

    public Uri StreamEndpoint => new(Server.WebSocketBase, "market");

    public Uri RestEndpoint => Server.HttpBase;

    public int Length => Script.Length;

    public ConcurrentQueue<DateTimeOffset> ConnectionAttempts { get; } = new();

    public ConcurrentQueue<string> RestRequests { get; } = new();

    /// <summary>
    /// What happened to stream connections, in order: "request" when a connection request arrives (before it is
    /// answered), "client-close" when the client ended one.
    /// </summary>
    public ConcurrentQueue<string> Events { get; } = new();

    public int RateLimitedRequests { get; private set; }

    /// <summary>Connections the client closed (as opposed to ones the server dropped).</summary>
    public int ClientCloses => Volatile.Read(ref _clientCloses);

    public int Position => Script.Position;

    public static async Task<FakeBinanceServer> StartAsync(Dictionary<string, Trade[]> trades, ManualTimeProvider clock)
    {
        var server = new FakeBinanceServer(trades, clock);
        await server.ListenAsync(app =>
        {
            app.Map("/market/stream", server.HandleStreamAsync);
            app.MapGet("/fapi/v1/aggTrades", server.HandleAggTradesAsync);
        });
        return server;
    }

    /// <summary>
    /// A market of <paramref name="steps"/> steps: the first symbol trades every step, the second every third step
    /// (a quieter market), and so on. Prices and quantities are strings with trailing zeros, as Binance sends them.
    /// </summary>
    public static Dictionary<string, Trade[]> Market(ManualTimeProvider clock, int steps, params string[] symbols)
    {
        var start = clock.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds() - (250L * steps);
        var market = new Dictionary<string, Trade[]>();
        for (var s = 0; s < symbols.Length; s++)
        {
            var random = new Random(2000 + s);
            var price = 30_000m / (s + 1);
            var id = 5_000_000L * (s + 1);
            var every = (2 * s) + 1;
            market[symbols[s]] = [.. Enumerable.Range(0, steps).Where(i => i % every == 0).Select(i =>
            {
                price += random.Next(-100, 101) / 10m;
                var quantity = random.Next(1, 5000) / 1000m;
                return new Trade(i, symbols[s], id++, price.ToString("0.00", CultureInfo.InvariantCulture), quantity.ToString("0.000", CultureInfo.InvariantCulture), start + (250L * i), random.Next(2) == 0);
            })];
        }

        return market;
    }

    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    /// <summary>Answers the next <paramref name="count"/> REST requests with 429 and <c>Retry-After: 3</c>.</summary>
    public void RateLimitNext(int count) => Interlocked.Exchange(ref _rateLimit, count);

    private async Task HandleStreamAsync(HttpContext context)
    {
        ConnectionAttempts.Enqueue(_clock.GetUtcNow());
        Events.Enqueue("request");
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        // Stream names must be lower-case <symbol>@aggTrade; a name the market does not know just never delivers.
        if (!context.Request.Query["streams"].ToString().Split('/').All(s => s.EndsWith("@aggTrade", StringComparison.Ordinal) && !s[..^"@aggTrade".Length].Any(char.IsUpper)))
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
        var connection = new FakeSocket(socket);
        Subscribe(connection);
        await ReceiveUntilClosedAsync(connection, 4096, clientClosed: () =>
        {
            Events.Enqueue("client-close");
            Interlocked.Increment(ref _clientCloses);
        });
    }

    private async Task HandleAggTradesAsync(HttpContext context)
    {
        RestRequests.Enqueue(context.Request.QueryString.Value!);
        if (Interlocked.Decrement(ref _rateLimit) >= 0)
        {
            RateLimitedRequests++;
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3";
            await context.Response.WriteAsync("""{"code":-1003,"msg":"Too many requests."}""");
            return;
        }

        var query = context.Request.Query;
        if (!_trades.TryGetValue(query["symbol"].ToString(), out var trades))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"code":-1121,"msg":"Invalid symbol."}""");
            return;
        }

        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 500;
        long? fromId = query.ContainsKey("fromId") ? long.Parse(query["fromId"]!, CultureInfo.InvariantCulture) : null;
        long? startTime = query.ContainsKey("startTime") ? long.Parse(query["startTime"]!, CultureInfo.InvariantCulture) : null;
        var page = Script.Read(position =>
            trades.Where(t => t.Step < position && (fromId is null || t.Id >= fromId) && (startTime is null || t.Time >= startTime)).Take(limit).ToArray());

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("[" + string.Join(',', page.Select(t => Invariant(
            $$"""{"a":{{t.Id}},"p":"{{t.Price}}","q":"{{t.Quantity}}","f":{{t.Id * 3}},"l":{{(t.Id * 3) + 2}},"T":{{t.Time}},"m":{{(t.BuyerIsMaker ? "true" : "false")}}}"""))) + "]");
    }

    protected override IEnumerable<string> MessagesAt(int step) =>
        _trades.Values.SelectMany(t => t.Where(x => x.Step == step)).Select(trade => Invariant(
            $$$"""{"stream":"{{{trade.Symbol.ToLowerInvariant()}}}@aggTrade","data":{"e":"aggTrade","E":{{{trade.Time + 7}}},"s":"{{{trade.Symbol}}}","a":{{{trade.Id}}},"p":"{{{trade.Price}}}","q":"{{{trade.Quantity}}}","f":{{{trade.Id * 3}}},"l":{{{(trade.Id * 3) + 2}}},"T":{{{trade.Time}}},"m":{{{(trade.BuyerIsMaker ? "true" : "false")}}}}}"""));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
