using System.Globalization;
using System.Text.Json;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Alpaca;

/// <summary>What one element of an Alpaca stream frame is.</summary>
internal enum AlpacaEventKind
{
    Trade,
    Bar,
    Success,
    Subscription,
    Error,
    Unknown,
    Invalid,
}

/// <summary>One trade as Alpaca sends it: symbol index, time in nanoseconds since 1970 (the per-symbol key), price, size, taker side.</summary>
internal readonly record struct AlpacaTrade(int Symbol, long Nanos, decimal Price, decimal Size, AggressorSide Side)
{
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(Nanos / 100);
}

/// <summary>One element of a frame, parsed.</summary>
internal readonly record struct AlpacaEvent(AlpacaEventKind Kind, AlpacaTrade Trade, Candle? Bar, int Code, string? Message, TickRejection Problem);

/// <summary>
/// Parses Alpaca market data: stream frames (JSON arrays of objects tagged by <c>T</c>) and the trades of the REST
/// pages. Prices and sizes are JSON numbers, read exactly as <see cref="decimal"/>; times are RFC 3339 with up to
/// nine fractional digits, kept to the nanosecond as the trade's key.
/// </summary>
internal static class AlpacaMessages
{
    /// <summary>Parses one frame into <paramref name="into"/>; a frame that is not a JSON array gives one invalid event.</summary>
    public static void ParseFrame(ReadOnlySpan<byte> frame, SymbolTable symbols, List<AlpacaEvent> into)
    {
        using var document = Parse(frame);
        if (document is null)
        {
            into.Add(Invalid(TickRejection.Malformed, "not JSON"));
            return;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            into.Add(Invalid(TickRejection.Malformed, "not a JSON array"));
            return;
        }

        foreach (var element in document.RootElement.EnumerateArray())
        {
            into.Add(ParseElement(element, symbols));
        }
    }

    /// <summary>Reads the trades of a REST page (<c>trades</c> an array for stocks, an object keyed by symbol for crypto) and the next page token.</summary>
    /// <returns>False when the body is not such a page.</returns>
    public static bool TryParsePage(ReadOnlySpan<byte> body, int symbol, string symbolName, List<AlpacaTrade> trades, List<string> problems, out string? nextPageToken)
    {
        nextPageToken = null;
        using var document = Parse(body);
        if (document is null)
        {
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("trades", out var list))
        {
            return false;
        }

        if (list.ValueKind == JsonValueKind.Object)
        {
            list = list.TryGetProperty(symbolName, out var own) ? own : default;
        }

        if (list.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in list.EnumerateArray())
            {
                var problem = ReadTrade(element, symbol, out var trade);
                if (problem == TickRejection.None)
                {
                    trades.Add(trade);
                }
                else
                {
                    problems.Add(problem + ": " + Shorten(element.GetRawText()));
                }
            }
        }
        else if (list.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return false;
        }

        if (root.TryGetProperty("next_page_token", out var token) && token.ValueKind == JsonValueKind.String)
        {
            nextPageToken = token.GetString();
        }

        return true;
    }

    /// <summary>Reads the <c>message</c> (or <c>msg</c>) of a REST error body, if any.</summary>
    public static string? ParseRestError(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        return document is not null
            && document.RootElement.ValueKind == JsonValueKind.Object
            && (document.RootElement.TryGetProperty("message", out var message) || document.RootElement.TryGetProperty("msg", out message))
            && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : null;
    }

    /// <summary>Parses an RFC 3339 time with up to nine fractional digits into nanoseconds since 1970.</summary>
    public static bool TryParseNanos(string? text, out long nanos)
    {
        nanos = 0;
        if (text is null || text.Length < 20 || text[10] != 'T'
            || !DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var whole))
        {
            return false;
        }

        var position = 19;
        long fraction = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (digits < 9)
                {
                    fraction = (fraction * 10) + (text[position] - '0');
                }

                digits++;
                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 9; digits++)
            {
                fraction *= 10;
            }
        }

        TimeSpan offset;
        var zone = text.AsSpan(position);
        if (zone is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && int.TryParse(zone.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(zone.Slice(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        var seconds = new DateTimeOffset(whole, TimeSpan.Zero).Subtract(offset).ToUnixTimeSeconds();
        if (seconds <= 0 || seconds > 9_000_000_000)
        {
            return false;
        }

        nanos = (seconds * 1_000_000_000) + fraction;
        return true;
    }

    /// <summary>Formats nanoseconds since 1970 as RFC 3339 UTC with nine fractional digits.</summary>
    public static string FormatNanos(long nanos) =>
        DateTimeOffset.FromUnixTimeSeconds(nanos / 1_000_000_000).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + "." + (nanos % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture) + "Z";

    /// <summary>The JSON document in <paramref name="json"/>, or null when it is not JSON.</summary>
    private static JsonDocument? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            return JsonDocument.TryParseValue(ref reader, out var document) ? document : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AlpacaEvent ParseElement(JsonElement element, SymbolTable symbols)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("T", out var tag) || tag.ValueKind != JsonValueKind.String)
        {
            return Invalid(TickRejection.Malformed, Shorten(element.GetRawText()));
        }

        switch (tag.GetString())
        {
            case "t":
                var symbol = Symbol(element, symbols, out var unknown);
                if (symbol < 0)
                {
                    return Invalid(unknown ? TickRejection.UnknownSymbol : TickRejection.Malformed, Shorten(element.GetRawText()));
                }

                var problem = ReadTrade(element, symbol, out var trade);
                return problem == TickRejection.None
                    ? new AlpacaEvent(AlpacaEventKind.Trade, trade, null, 0, null, TickRejection.None)
                    : Invalid(problem, Shorten(element.GetRawText()));
            case "b":
                return ReadBar(element, symbols);
            case "success":
                return new AlpacaEvent(AlpacaEventKind.Success, default, null, 0, Text(element, "msg"), TickRejection.None);
            case "subscription":
                return new AlpacaEvent(AlpacaEventKind.Subscription, default, null, 0, Shorten(element.GetRawText()), TickRejection.None);
            case "error":
                var code = element.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
                return new AlpacaEvent(AlpacaEventKind.Error, default, null, code, Text(element, "msg") ?? "no message", TickRejection.None);
            default:
                return Invalid(TickRejection.UnknownMessage, Shorten(element.GetRawText()));
        }
    }

    private static TickRejection ReadTrade(JsonElement element, int symbol, out AlpacaTrade trade)
    {
        trade = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return TickRejection.Malformed;
        }

        if (!element.TryGetProperty("t", out var t) || t.ValueKind != JsonValueKind.String)
        {
            return TickRejection.MissingTime;
        }

        if (!TryParseNanos(t.GetString(), out var nanos))
        {
            return TickRejection.Malformed;
        }

        if (!element.TryGetProperty("p", out var p) || p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out var price))
        {
            return p.ValueKind == JsonValueKind.String ? TickRejection.NotANumber : TickRejection.Malformed;
        }

        var size = 0m;
        if (element.TryGetProperty("s", out var s) && (s.ValueKind != JsonValueKind.Number || !s.TryGetDecimal(out size)))
        {
            return TickRejection.Malformed;
        }

        var side = element.TryGetProperty("tks", out var taker) && taker.ValueKind == JsonValueKind.String
            ? taker.GetString() switch
            {
                "B" => AggressorSide.Buy,
                "S" => AggressorSide.Sell,
                _ => AggressorSide.Unknown,
            }
            : AggressorSide.Unknown;
        trade = new AlpacaTrade(symbol, nanos, price, size, side);
        return TickRejection.None;
    }

    private static AlpacaEvent ReadBar(JsonElement element, SymbolTable symbols)
    {
        var symbol = Symbol(element, symbols, out var unknown);
        Span<decimal> values = stackalloc decimal[5];
        var names = "ohlcv";
        for (var i = 0; i < names.Length; i++)
        {
            if (!element.TryGetProperty(names.AsSpan(i, 1), out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out values[i]))
            {
                symbol = -1;
            }
        }

        if (symbol < 0 || !element.TryGetProperty("t", out var t) || !TryParseNanos(t.GetString(), out var nanos))
        {
            return Invalid(unknown ? TickRejection.UnknownSymbol : TickRejection.Malformed, Shorten(element.GetRawText()));
        }

        var trades = element.TryGetProperty("n", out var n) && n.TryGetInt32(out var count) ? count : 0;
        var bar = new Candle(symbols[symbol], Timeframe.OneMinute, DateTimeOffset.UnixEpoch.AddTicks(nanos / 100), values[0], values[1], values[2], values[3], values[4], trades, IsClosed: true);
        return new AlpacaEvent(AlpacaEventKind.Bar, default, bar, 0, null, TickRejection.None);
    }

    private static int Symbol(JsonElement element, SymbolTable symbols, out bool unknown)
    {
        unknown = false;
        if (!element.TryGetProperty("S", out var s) || s.ValueKind != JsonValueKind.String)
        {
            return -1;
        }

        var index = symbols.IndexOf(s.GetString()!);
        unknown = index < 0;
        return index;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AlpacaEvent Invalid(TickRejection problem, string detail) => new(AlpacaEventKind.Invalid, default, null, 0, detail, problem);

    private static string Shorten(string text) => text.Length <= 240 ? text : text[..240];
}
