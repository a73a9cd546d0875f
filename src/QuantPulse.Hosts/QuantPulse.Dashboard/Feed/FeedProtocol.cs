using System.Text.Json;
using QuantPulse.Dashboard.Api;
using QuantPulse.Model;

namespace QuantPulse.Dashboard.Feed;

/// <summary>The channels a client can subscribe to.</summary>
[Flags]
internal enum FeedChannels
{
    None = 0,
    Tick = 1,
    Candle = 2,
    Signal = 4,
    Trade = 8,
    Alert = 16,
    Order = 32,
    All = Tick | Candle | Signal | Trade | Alert | Order,
}

/// <summary>A parsed client message: <c>subscribe</c>, <c>unsubscribe</c> or <c>ping</c>, or the reason it is bad.</summary>
internal sealed record FeedRequest(string Action, IReadOnlyList<string> Symbols, FeedChannels Channels, string? Error);

/// <summary>The wire format of <c>/ws/updates</c> (see docs/api.md).</summary>
internal static class FeedProtocol
{
    public static readonly string[] ChannelNames = ["tick", "candle", "signal", "trade", "alert", "order"];

    public static byte[] Pong { get; } = JsonSerializer.SerializeToUtf8Bytes(new { type = "pong" });

    /// <summary>Reads one text frame from a client.</summary>
    public static FeedRequest Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Bad("a message must be a JSON object");
            }

            if (!root.TryGetProperty("action", out var actionElement) || actionElement.ValueKind != JsonValueKind.String)
            {
                return Bad("'action' is missing; use subscribe, unsubscribe or ping");
            }

            var action = actionElement.GetString()!;
            if (action == "ping")
            {
                return new FeedRequest(action, [], FeedChannels.None, null);
            }

            if (action is not ("subscribe" or "unsubscribe"))
            {
                return Bad($"unknown action '{Clip(action)}'; use subscribe, unsubscribe or ping");
            }

            if (!root.TryGetProperty("symbols", out var symbolsElement) || symbolsElement.ValueKind != JsonValueKind.Array)
            {
                return Bad("'symbols' must be an array of symbols or [\"*\"]");
            }

            var symbols = new List<string>();
            foreach (var item in symbolsElement.EnumerateArray())
            {
                var symbol = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (symbol != "*" && !ApiArguments.IsSymbol(symbol))
                {
                    return Bad($"'{Clip(symbol ?? item.GetRawText())}' is not a valid symbol");
                }

                symbols.Add(symbol!);
            }

            var channels = FeedChannels.All;
            if (root.TryGetProperty("channels", out var channelsElement))
            {
                if (channelsElement.ValueKind != JsonValueKind.Array)
                {
                    return Bad("'channels' must be an array of tick, candle, signal, trade, alert, order");
                }

                channels = FeedChannels.None;
                foreach (var item in channelsElement.EnumerateArray())
                {
                    var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    var index = Array.IndexOf(ChannelNames, name);
                    if (index < 0)
                    {
                        return Bad($"unknown channel '{Clip(name ?? item.GetRawText())}'; use tick, candle, signal, trade, alert or order");
                    }

                    channels |= (FeedChannels)(1 << index);
                }
            }

            return new FeedRequest(action, symbols, channels, null);
        }
        catch (JsonException)
        {
            return Bad("invalid JSON");
        }
    }

    public static byte[] Error(string message) => Serialize(new { type = "error", message });

    public static byte[] Dropped(long count) => Serialize(new { type = "dropped", count });

    public static byte[] Subscribed(IEnumerable<string> symbols, FeedChannels channels) => Serialize(new
    {
        type = "subscribed",
        symbols = symbols.Order(StringComparer.Ordinal).ToArray(),
        channels = ChannelNames.Where((_, i) => channels.HasFlag((FeedChannels)(1 << i))).ToArray(),
    });

    public static byte[] Tick(in Tick tick) => Serialize(new
    {
        type = "tick",
        data = new { symbol = tick.Symbol, time = tick.Time, price = tick.Price, size = tick.Size, source = tick.Source },
    });

    public static byte[] Candle(ClosedCandle closed)
    {
        var c = closed.Candle;
        return Serialize(new
        {
            type = "candle",
            data = new
            {
                symbol = c.Symbol,
                interval = c.Timeframe.Name,
                open_time = c.OpenTime,
                open = c.Open,
                high = c.High,
                low = c.Low,
                close = c.Close,
                volume = c.Volume,
                ticks = c.TickCount,
                indicators = CandleDto.IndicatorsOf(closed) ?? [],
            },
        });
    }

    public static byte[] Signal(SignalDto signal) => Serialize(new { type = "signal", data = signal });

    public static byte[] Alert(AlertTriggerDto trigger) => Serialize(new { type = "alert", data = trigger });

    public static byte[] Order(OrderDto order) => Serialize(new { type = "order", data = order });

    public static byte[] Trade(TradeDto trade, string kind) => Serialize(new { type = "trade", data = new TradeEventDto(trade, kind) });

    private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options);

    private static FeedRequest Bad(string error) => new(string.Empty, [], FeedChannels.None, error);

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>A trade with its event (<c>opened</c> or <c>closed</c>) flattened beside its columns.</summary>
    private sealed record TradeEventDto(
        [property: System.Text.Json.Serialization.JsonIgnore] TradeDto Trade,
        string Event)
    {
        public string Id => Trade.Id;

        public string SignalId => Trade.SignalId;

        public string Asset => Trade.Asset;

        public string Direction => Trade.Direction;

        public string Strategy => Trade.Strategy;

        public decimal EntryPrice => Trade.EntryPrice;

        public decimal StopLoss => Trade.StopLoss;

        public decimal TakeProfit => Trade.TakeProfit;

        public DateTimeOffset OpenTime => Trade.OpenTime;

        public DateTimeOffset? CloseTime => Trade.CloseTime;

        public string? Result => Trade.Result;

        public double? DurationSeconds => Trade.DurationSeconds;

        public double? MovementPercentage => Trade.MovementPercentage;

        public decimal? ClosePrice => Trade.ClosePrice;
    }
}
