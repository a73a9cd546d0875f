using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuantPulse.Tests.Testing;

namespace QuantPulse.Tests.Trading.Alpaca;

/// <summary>
/// A local stand-in for Alpaca's paper trading API as documented: key headers, string numbers, nested bracket legs,
/// 401/403/404/422/429 errors with <c>{"code","message"}</c> bodies, and the <c>trade_updates</c> stream in binary frames.
/// </summary>
public sealed class FakeAlpaca : IAsyncDisposable
{
    public const string Key = "PKTEST";
    public const string Secret = "secret";

    private readonly Dictionary<string, JsonObject> _orders = [];
    private readonly Lock _gate = new();
    private LoopbackServer? _server;
    private WebSocket? _socket;
    private int _next;

    public int RateLimitedPosts { get; set; }

    public int Requests { get; private set; }

    public bool StreamListening { get; private set; }

    public Uri HttpBase => _server!.HttpBase;

    public Uri StreamUrl => new(_server!.WebSocketBase, "stream");

    public static async Task<FakeAlpaca> StartAsync()
    {
        var fake = new FakeAlpaca();
        fake._server = await LoopbackServer.StartAsync(fake.Map);
        return fake;
    }

    /// <summary>Fills an order completely at <paramref name="price"/> and pushes the fill on the stream.</summary>
    public async Task FillAsync(string id, decimal price)
    {
        JsonObject order;
        lock (_gate)
        {
            order = _orders[id];
            order["status"] = "filled";
            order["filled_qty"] = order["qty"]!.GetValue<string>();
            order["filled_avg_price"] = price.ToString(CultureInfo.InvariantCulture);
        }

        var update = new JsonObject
        {
            ["stream"] = "trade_updates",
            ["data"] = new JsonObject
            {
                ["event"] = "fill",
                ["execution_id"] = "exec-1",
                ["timestamp"] = "2024-01-02T15:00:00.123456Z",
                ["price"] = price.ToString(CultureInfo.InvariantCulture),
                ["qty"] = order["qty"]!.GetValue<string>(),
                ["position_qty"] = order["qty"]!.GetValue<string>(),
                ["order"] = order.DeepClone(),
            },
        };
        await _socket!.SendAsync(Encoding.UTF8.GetBytes(update.ToJsonString()), WebSocketMessageType.Binary, true, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { code, message }, statusCode: status);

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests++;
            if (context.Request.Path.StartsWithSegments("/v2")
                && (context.Request.Headers["APCA-API-KEY-ID"] != Key || context.Request.Headers["APCA-API-SECRET-KEY"] != Secret))
            {
                await Error(401, 40110000, "request is not authorized").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.MapPost("/v2/orders", async (HttpContext context) =>
        {
            if (RateLimitedPosts > 0)
            {
                RateLimitedPosts--;
                context.Response.Headers.RetryAfter = "0";
                return Error(429, 42910000, "rate limit exceeded");
            }

            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var qty = decimal.Parse(body["qty"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            if (qty <= 0m)
            {
                return Error(422, 40010001, "qty must be > 0");
            }

            if (qty > 1000m)
            {
                return Error(403, 40310000, "insufficient buying power");
            }

            lock (_gate)
            {
                var clientId = body["client_order_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
                if (_orders.Values.Any(o => o["client_order_id"]!.GetValue<string>() == clientId))
                {
                    return Error(422, 40010001, "client_order_id must be unique");
                }

                var id = $"ord-{++_next}";
                var order = new JsonObject
                {
                    ["id"] = id,
                    ["client_order_id"] = clientId,
                    ["created_at"] = "2024-01-02T14:30:00.000000Z",
                    ["updated_at"] = "2024-01-02T14:30:00.000000Z",
                    ["submitted_at"] = "2024-01-02T14:30:00.000000Z",
                    ["asset_class"] = "us_equity",
                    ["symbol"] = body["symbol"]!.GetValue<string>(),
                    ["qty"] = body["qty"]!.GetValue<string>(),
                    ["filled_qty"] = "0",
                    ["filled_avg_price"] = null,
                    ["order_class"] = body["order_class"]?.GetValue<string>() ?? "simple",
                    ["order_type"] = body["type"]!.GetValue<string>(),
                    ["type"] = body["type"]!.GetValue<string>(),
                    ["side"] = body["side"]!.GetValue<string>(),
                    ["time_in_force"] = body["time_in_force"]!.GetValue<string>(),
                    ["limit_price"] = body["limit_price"]?.GetValue<string>(),
                    ["stop_price"] = body["stop_price"]?.GetValue<string>(),
                    ["status"] = "accepted",
                    ["extended_hours"] = false,
                    ["legs"] = null,
                };
                if (body["take_profit"] is JsonObject tp && body["stop_loss"] is JsonObject sl)
                {
                    var exit = body["side"]!.GetValue<string>() == "buy" ? "sell" : "buy";
                    order["legs"] = new JsonArray(
                        Leg(id + "-tp", "limit", exit, order, ("limit_price", tp["limit_price"]!.GetValue<string>())),
                        Leg(id + "-sl", "stop", exit, order, ("stop_price", sl["stop_price"]!.GetValue<string>())));
                }

                _orders[id] = order;
                return Results.Json(order);
            }
        });
        app.MapGet("/v2/orders", (string? status) =>
        {
            lock (_gate)
            {
                var open = new[] { "new", "accepted", "partially_filled" };
                var list = _orders.Values.Where(o => status != "open" || open.Contains(o["status"]!.GetValue<string>())).Reverse();
                return Results.Json(new JsonArray([.. list.Select(o => o.DeepClone())]));
            }
        });
        app.MapGet("/v2/orders:by_client_order_id", (string client_order_id) =>
        {
            lock (_gate)
            {
                var order = _orders.Values.FirstOrDefault(o => o["client_order_id"]!.GetValue<string>() == client_order_id);
                return order is null ? Error(404, 40410000, "order not found") : Results.Json(order);
            }
        });
        app.MapGet("/v2/orders/{id}", (string id) =>
        {
            lock (_gate)
            {
                return _orders.TryGetValue(id, out var order) ? Results.Json(order) : Error(404, 40410000, "order not found");
            }
        });
        app.MapDelete("/v2/orders/{id}", (string id) =>
        {
            lock (_gate)
            {
                if (!_orders.TryGetValue(id, out var order))
                {
                    return Error(404, 40410000, "order not found");
                }

                if (order["status"]!.GetValue<string>() == "filled")
                {
                    return Error(422, 42210000, "order is already in \"filled\" state");
                }

                order["status"] = "canceled";
                return Results.NoContent();
            }
        });
        app.MapGet("/v2/positions", () => Results.Json(new[]
        {
            new { asset_id = "a1", symbol = "TSLA", exchange = "NASDAQ", asset_class = "us_equity", avg_entry_price = "250", qty = "-2", side = "short", market_value = "-490", cost_basis = "-500", unrealized_pl = "10", current_price = "245" },
            new { asset_id = "a2", symbol = "AAPL", exchange = "NASDAQ", asset_class = "us_equity", avg_entry_price = "100.5", qty = "5", side = "long", market_value = "505", cost_basis = "502.5", unrealized_pl = "2.5", current_price = "101" },
        }));
        app.MapGet("/v2/account", () => Results.Json(new { id = "acc", account_number = "PA1", status = "ACTIVE", currency = "USD", cash = "99000.5", equity = "99015.5", portfolio_value = "99015.5", buying_power = "198001" }));
        app.Map("/stream", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            var auth = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, (await socket.ReceiveAsync(buffer, default)).Count))!;
            var authorized = auth["key"]?.GetValue<string>() == Key && auth["secret"]?.GetValue<string>() == Secret;
            await Send(socket, "{\"stream\":\"authorization\",\"data\":{\"action\":\"authenticate\",\"status\":\"" + (authorized ? "authorized" : "unauthorized") + "\"}}");
            if (!authorized)
            {
                await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", default);
                return;
            }

            var listen = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, (await socket.ReceiveAsync(buffer, default)).Count))!;
            await Send(socket, "{\"stream\":\"listening\",\"data\":{\"streams\":" + listen["data"]!["streams"]!.ToJsonString() + "}}");
            _socket = socket;
            StreamListening = true;
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        });
    }

    private static JsonObject Leg(string id, string type, string side, JsonObject parent, (string Name, string Value) price)
    {
        var leg = new JsonObject
        {
            ["id"] = id,
            ["client_order_id"] = id,
            ["created_at"] = parent["created_at"]!.GetValue<string>(),
            ["symbol"] = parent["symbol"]!.GetValue<string>(),
            ["qty"] = parent["qty"]!.GetValue<string>(),
            ["filled_qty"] = "0",
            ["type"] = type,
            ["side"] = side,
            ["time_in_force"] = "gtc",
            ["status"] = "held",
        };
        leg[price.Name] = price.Value;
        return leg;
    }

    private static Task Send(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Binary, true, default);
}
