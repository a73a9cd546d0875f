using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Sources.Alpaca;

/// <summary>
/// An in-process Alpaca market data venue following its documented protocol: the stream at <c>/v2/{feed}</c> and
/// <c>/v1beta3/crypto/us</c> (greeting, <c>auth</c>, <c>subscribe</c>, JSON array frames, error codes) and
/// <c>GET /v2/stocks/{symbol}/trades</c> with <c>start</c>, <c>limit</c> and <c>page_token</c> paging. The market
/// moves one step at a time, only while a subscribed client is connected, plus the steps a disruption says were
/// missed; so a script gives the same trades whatever the timing.
/// </summary>
internal sealed class FakeAlpacaServer : FakeWebSocketVenue
{
    public const string Key = "PKTESTKEY";
    public const string Secret = "test-secret";

    private readonly Dictionary<string, Trade[]> _trades;
    private readonly ConcurrentQueue<int> _errorsAfterAuth = new();

    private FakeAlpacaServer(Dictionary<string, Trade[]> trades)
        : base(new ScriptedMarket(trades.Values.Max(t => t.Length == 0 ? 0 : t[^1].Step + 1)))
    {
        _trades = trades;
    }

    /// <summary>One trade of the scripted market at <paramref name="Step"/>; <paramref name="Nanos"/> since 1970.</summary>
    public sealed record Trade(int Step, string Symbol, long Id, string Price, int Size, long Nanos);

    public Uri StreamEndpoint => Server.WebSocketBase;

    public Uri RestEndpoint => Server.HttpBase;

    public ConcurrentQueue<string> Paths { get; } = new();

    public ConcurrentQueue<string> RestRequests { get; } = new();

    /// <summary>The client messages received on the stream, in order.</summary>
    public ConcurrentQueue<string> ClientMessages { get; } = new();

    public static async Task<FakeAlpacaServer> StartAsync(Dictionary<string, Trade[]> trades)
    {
        var server = new FakeAlpacaServer(trades);
        await server.ListenAsync(app =>
        {
            app.Map("/v2/{feed}", server.HandleStreamAsync);
            app.Map("/v1beta3/crypto/us", server.HandleStreamAsync);
            app.MapGet("/v2/stocks/{symbol}/trades", server.HandleTradesAsync);
        });
        return server;
    }

    /// <summary>
    /// A market of <paramref name="steps"/> steps, every 250 ms ending an hour before the clock: the first symbol
    /// trades every step, the second every third step, and so on; times carry nanoseconds.
    /// </summary>
    public static Dictionary<string, Trade[]> Market(ManualTimeProvider clock, int steps, params string[] symbols)
    {
        var start = (clock.GetUtcNow().AddHours(-1).ToUnixTimeMilliseconds() - (250L * steps)) * 1_000_000;
        var market = new Dictionary<string, Trade[]>();
        for (var s = 0; s < symbols.Length; s++)
        {
            var random = new Random(3000 + s);
            var price = 200m * (s + 1);
            var every = (2 * s) + 1;
            var id = 1000L * (s + 1);
            market[symbols[s]] = [.. Enumerable.Range(0, steps).Where(i => i % every == 0).Select(i =>
            {
                price += random.Next(-50, 51) / 100m;
                return new Trade(i, symbols[s], id++, price.ToString("0.00", CultureInfo.InvariantCulture), random.Next(1, 500), start + (250_000_000L * i) + 123_457 + s);
            })];
        }

        return market;
    }

    public static string Rfc3339(long nanos) =>
        DateTimeOffset.FromUnixTimeSeconds(nanos / 1_000_000_000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + "." + (nanos % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + "Z";

    /// <summary>The next subscription is answered with <c>{"T":"error","code":<paramref name="code"/>}</c> and a close.</summary>
    public void ErrorAfterAuth(int code) => _errorsAfterAuth.Enqueue(code);

    private static string ErrorText(int code) => code switch
    {
        401 => "not authenticated",
        402 => "auth failed",
        404 => "auth timeout",
        405 => "symbol limit exceeded",
        406 => "connection limit exceeded",
        407 => "slow client",
        409 => "insufficient subscription",
        _ => "internal error",
    };

    private async Task HandleStreamAsync(HttpContext context)
    {
        Paths.Enqueue(context.Request.Path.Value!);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeSocket(socket);
        await connection.SendAsync("""[{"T":"success","msg":"connected"}]""");
        var closing = false;
        await ReceiveUntilClosedAsync(connection, 16 * 1024, async text =>
        {
            ClientMessages.Enqueue(text);
            if (closing)
            {
                // The close frame is on its way; like Alpaca, read on until the client closes too.
                return;
            }

            using var message = JsonDocument.Parse(text);
            var action = message.RootElement.GetProperty("action").GetString();
            if (action == "auth")
            {
                if (message.RootElement.GetProperty("key").GetString() != Key || message.RootElement.GetProperty("secret").GetString() != Secret)
                {
                    await connection.SendAsync("""[{"T":"error","code":402,"msg":"auth failed"}]""");
                    await connection.CloseAsync();
                    closing = true;
                    return;
                }

                await connection.SendAsync("""[{"T":"success","msg":"authenticated"}]""");
            }
            else if (action == "subscribe")
            {
                if (_errorsAfterAuth.TryDequeue(out var code))
                {
                    await connection.SendAsync(Invariant($$"""[{"T":"error","code":{{code}},"msg":"{{ErrorText(code)}}"}]"""));
                    await connection.CloseAsync();
                    closing = true;
                    return;
                }

                var trades = message.RootElement.GetProperty("trades").GetRawText();
                await connection.SendAsync($$"""[{"T":"subscription","trades":{{trades}},"quotes":[],"bars":[]}]""");
                Subscribe(connection);
            }
        });
    }

    private async Task HandleTradesAsync(HttpContext context)
    {
        RestRequests.Enqueue(context.Request.Path + context.Request.QueryString.Value);
        if (context.Request.Headers["APCA-API-KEY-ID"] != Key || context.Request.Headers["APCA-API-SECRET-KEY"] != Secret)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"message":"unauthorized."}""");
            return;
        }

        var symbol = context.Request.RouteValues["symbol"]!.ToString()!;
        if (!_trades.TryGetValue(symbol, out var trades))
        {
            context.Response.StatusCode = 422;
            await context.Response.WriteAsync("""{"message":"invalid symbol"}""");
            return;
        }

        var query = context.Request.Query;
        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 1000;
        var startNanos = ParseNanos(query["start"]!);
        var offset = query.ContainsKey("page_token") ? int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(query["page_token"]!)), CultureInfo.InvariantCulture) : 0;
        var all = Script.Read(position => trades.Where(t => t.Step < position && t.Nanos >= startNanos).ToArray());
        var page = all.Skip(offset).Take(limit).ToArray();
        var next = offset + page.Length < all.Length ? "\"" + Convert.ToBase64String(Encoding.ASCII.GetBytes((offset + page.Length).ToString(CultureInfo.InvariantCulture))) + "\"" : "null";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Invariant(
            $$"""{"trades":[{{string.Join(',', page.Select(TradeBody))}}],"symbol":"{{symbol}}","next_page_token":{{next}}}"""));
    }

    /// <summary>Reads <c>yyyy-MM-ddTHH:mm:ss[.fffffffff]Z</c> into nanoseconds since 1970.</summary>
    private static long ParseNanos(string text)
    {
        var whole = DateTimeOffset.ParseExact(text[..19] + "Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = dot < 0 ? "0" : new string([.. text[(dot + 1)..].TakeWhile(char.IsAsciiDigit)]);
        return (whole.ToUnixTimeSeconds() * 1_000_000_000) + long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
    }

    private static string TradeBody(Trade trade) =>
        Invariant($$"""{"t":"{{Rfc3339(trade.Nanos)}}","x":"V","p":{{trade.Price}},"s":{{trade.Size}},"c":["@"],"i":{{trade.Id}},"z":"C"}""");

    protected override IEnumerable<string> MessagesAt(int step)
    {
        var frame = _trades.Values.SelectMany(t => t.Where(x => x.Step == step))
            .Select(t => Invariant($$"""{"T":"t","S":"{{t.Symbol}}",""") + TradeBody(t)[1..])
            .ToList();
        return frame.Count > 0 ? ["[" + string.Join(',', frame) + "]"] : [];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
