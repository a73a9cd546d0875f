using System.Globalization;
using System.Text.Json;

namespace QuantPulse.Trading.Alpaca;

/// <summary>
/// Alpaca's JSON: order requests out; orders, positions, the account and <c>trade_updates</c> events in. Numbers
/// come as strings (<c>"qty":"10"</c>) and are read as exact decimals.
/// </summary>
internal static class AlpacaWire
{
    /// <summary>The stream's <c>listen</c> message for <c>trade_updates</c>.</summary>
    public static byte[] ListenTradeUpdates { get; } = """{"action":"listen","data":{"streams":["trade_updates"]}}"""u8.ToArray();

    /// <summary>The stream's <c>auth</c> message.</summary>
    public static byte[] Auth(string key, string secret)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("action", "auth");
            json.WriteString("key", key);
            json.WriteString("secret", secret);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] OrderRequest(OrderRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("symbol", request.Symbol);
            json.WriteString("qty", Text(request.Quantity));
            json.WriteString("side", TradingNames.ToWire(request.Side));
            json.WriteString("type", TradingNames.ToWire(request.Type));
            json.WriteString("time_in_force", TradingNames.ToWire(request.TimeInForce));
            WriteDecimal(json, "limit_price", request.LimitPrice);
            WriteDecimal(json, "stop_price", request.StopPrice);
            if (request.ClientOrderId is { } clientId)
            {
                json.WriteString("client_order_id", clientId);
            }

            if (request.IsBracket)
            {
                json.WriteString("order_class", request.TakeProfit is not null && request.StopLoss is not null ? "bracket" : "oto");
                if (request.TakeProfit is { } tp)
                {
                    json.WriteStartObject("take_profit");
                    json.WriteString("limit_price", Text(tp));
                    json.WriteEndObject();
                }

                if (request.StopLoss is { } sl)
                {
                    json.WriteStartObject("stop_loss");
                    json.WriteString("stop_price", Text(sl));
                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="FormatException">A required field is missing or malformed.</exception>
    public static Order Order(JsonElement o, string? parentId = null, OrderLeg leg = OrderLeg.None)
    {
        var type = Required(o, "type");
        if (!TradingNames.TryParseSide(Required(o, "side"), out var side) || !TradingNames.TryParseType(type, out var orderType))
        {
            throw new FormatException($"Alpaca order has an unknown side or type '{type}'.");
        }

        _ = TradingNames.TryParseTimeInForce(String(o, "time_in_force"), out var tif);
        var created = Time(o, "created_at") ?? DateTimeOffset.UnixEpoch;
        var status = Status(Required(o, "status"));
        return new Order(
            Required(o, "id"),
            String(o, "client_order_id") ?? Required(o, "id"),
            Required(o, "symbol"),
            side,
            orderType,
            Decimal(o, "qty") ?? 0m,
            tif,
            status,
            created,
            Time(o, "updated_at") ?? created)
        {
            LimitPrice = Decimal(o, "limit_price"),
            StopPrice = Decimal(o, "stop_price"),
            FilledQuantity = Decimal(o, "filled_qty") ?? 0m,
            AverageFillPrice = Decimal(o, "filled_avg_price"),
            ParentId = parentId,
            Leg = leg,
            TakeProfit = Leg(o, OrderType.Limit, "limit_price"),
            StopLoss = Leg(o, OrderType.Stop, "stop_price"),
        };
    }

    /// <summary>An order and its bracket legs (Alpaca nests them in <c>legs</c>).</summary>
    public static IEnumerable<Order> OrderWithLegs(JsonElement o)
    {
        var parent = Order(o);
        yield return parent;
        if (o.TryGetProperty("legs", out var legs) && legs.ValueKind == JsonValueKind.Array)
        {
            foreach (var leg in legs.EnumerateArray())
            {
                var isStop = String(leg, "type") is "stop" or "stop_limit";
                yield return Order(leg, parent.Id, isStop ? OrderLeg.StopLoss : OrderLeg.TakeProfit);
            }
        }
    }

    public static Position Position(JsonElement p)
    {
        var quantity = Decimal(p, "qty") ?? 0m;
        if (string.Equals(String(p, "side"), "short", StringComparison.Ordinal) && quantity > 0m)
        {
            quantity = -quantity;
        }

        var average = Decimal(p, "avg_entry_price") ?? 0m;
        return new Position(Required(p, "symbol"), quantity, average, 0m, Decimal(p, "current_price") ?? average);
    }

    public static Account Account(JsonElement a, IReadOnlyList<Position> positions) => new(
        Decimal(a, "cash") ?? 0m,
        Decimal(a, "equity") ?? Decimal(a, "portfolio_value") ?? 0m,
        0m,
        positions.Sum(p => p.UnrealizedPnl),
        0m,
        String(a, "currency") ?? "USD");

    /// <summary>The <c>{"code":…,"message":…}</c> of an error body, or the raw text.</summary>
    public static string ErrorMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && String(root, "message") is { } message)
            {
                return root.TryGetProperty("code", out var code) ? $"{message} (code {code.GetRawText()})" : message;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself says what happened.
        }

        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    private static OrderStatus Status(string status) =>
        TradingNames.TryParseStatus(status, out var known) ? known : status switch
        {
            "pending_new" or "accepted_for_bidding" or "held" or "calculated" or "stopped" or "suspended" or "done_for_day"
                or "pending_cancel" or "pending_replace" => OrderStatus.Accepted,
            "replaced" => OrderStatus.Canceled,
            _ => throw new FormatException($"Alpaca order status '{status}' is unknown."),
        };

    private static decimal? Leg(JsonElement o, OrderType type, string field)
    {
        if (!o.TryGetProperty("legs", out var legs) || legs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var leg in legs.EnumerateArray())
        {
            if (TradingNames.TryParseType(String(leg, "type"), out var legType) && (legType == type || (type == OrderType.Stop && legType == OrderType.StopLimit)))
            {
                return Decimal(leg, field);
            }
        }

        return null;
    }

    private static string Required(JsonElement o, string name) =>
        String(o, name) ?? throw new FormatException($"Alpaca object has no '{name}'.");

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Decimal(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => decimal.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.Number => v.GetDecimal(),
            _ => null,
        };
    }

    private static DateTimeOffset? Time(JsonElement o, string name) =>
        String(o, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime() : null;

    private static void WriteDecimal(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, Text(v));
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
