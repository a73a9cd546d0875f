using System.Text.Json;
using System.Text.Json.Serialization;
using QuantPulse.Model;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// The JSON of one events-stream entry: a batch's closed candles (with their indicator values), raised signals and
/// trade events, and of its ticks only the last one per symbol (the dashboards' last prices). Decoding gives back a <see cref="MarketBatch"/> a dashboard feeds to its own
/// consumers exactly as an in-process pipeline would.
/// </summary>
internal static class EventCodec
{
    public const string FieldName = "batch";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new TimeframeConverter(), new IndicatorValuesConverter(), new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Encode(MarketBatch batch) =>
        JsonSerializer.Serialize(new EventBatch([.. batch.Candles], [.. batch.Signals], [.. batch.Trades], LastPerSymbol(batch.Ticks.Span)), Options);

    private static Tick[] LastPerSymbol(ReadOnlySpan<Tick> ticks)
    {
        var last = new Dictionary<string, Tick>(StringComparer.Ordinal);
        foreach (var tick in ticks)
        {
            last[tick.Symbol] = tick;
        }

        return [.. last.Values];
    }

    public static MarketBatch? TryDecode(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EventBatch>(json, Options) is { } e
                ? new MarketBatch(e.Ticks ?? ReadOnlyMemory<Tick>.Empty, e.Candles ?? [], e.Signals ?? [], e.Trades ?? [])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record EventBatch(ClosedCandle[]? Candles, RaisedSignal[]? Signals, TradeEvent[]? Trades, Tick[]? Ticks);

    // Indicator values as one object, column name → value (null while warming up), in column order.
    private sealed class IndicatorValuesConverter : JsonConverter<IndicatorValues>
    {
        public override IndicatorValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("Indicator values are an object.");
            }

            var names = new List<string>();
            var values = new List<double?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                names.Add(reader.GetString()!);
                reader.Read();
                values.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble());
            }

            return new IndicatorValues(new IndicatorColumns(names), [.. values]);
        }

        public override void Write(Utf8JsonWriter writer, IndicatorValues value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < value.Count; i++)
            {
                if (value[i] is { } number && double.IsFinite(number))
                {
                    writer.WriteNumber(value.Columns[i], number);
                }
                else
                {
                    writer.WriteNull(value.Columns[i]);
                }
            }

            writer.WriteEndObject();
        }
    }

    private sealed class TimeframeConverter : JsonConverter<Timeframe>
    {
        public override Timeframe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Timeframe.TryParse(reader.GetString(), out var timeframe) ? timeframe : throw new JsonException("Unknown timeframe.");

        public override void Write(Utf8JsonWriter writer, Timeframe value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
    }
}
