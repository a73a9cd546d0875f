using System.Text.Json;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Binance;

/// <summary>
/// Reads Binance USD-M futures aggregate trades straight from UTF-8 with <see cref="Utf8JsonReader"/>: stream events
/// and REST pages share one field reader. A stream message allocates nothing; prices and quantities, which Binance
/// sends as strings, are parsed exactly into <see cref="decimal"/>.
/// </summary>
/// <remarks>
/// Shapes read (property order does not matter, unknown properties such as <c>E</c>, <c>f</c>, <c>l</c> or
/// <c>nq</c> are skipped):
/// <code>
/// {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1700000000123,"s":"BTCUSDT","a":5933014,"p":"37000.10",
///  "q":"0.005","f":100,"l":105,"T":1700000000120,"m":true}}
/// [{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true}]   (GET /fapi/v1/aggTrades)
/// {"code":-1121,"msg":"Invalid symbol."}                                                          (REST error)
/// </code>
/// </remarks>
internal static class BinanceMessageParser
{
    /// <summary>Parses one stream message; never throws for bad input.</summary>
    public static BinanceMessageKind ParseStream(ReadOnlySpan<byte> utf8, SymbolTable symbols, out AggTrade trade)
    {
        trade = new AggTrade { Symbol = -1 };
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return BinanceMessageKind.Malformed;
            }

            var kind = ReadObject(ref reader, symbols, ref trade, wrapped: false);
            return reader.Read() ? BinanceMessageKind.Malformed : kind;
        }
        catch (JsonException)
        {
            return BinanceMessageKind.Malformed;
        }
    }

    /// <summary>
    /// Parses a REST <c>aggTrades</c> page into <paramref name="trades"/> (each trade keeps its own
    /// <see cref="AggTrade.Problem"/>). Returns false when the body is not an array of objects.
    /// </summary>
    public static bool TryParsePage(ReadOnlySpan<byte> utf8, int symbol, List<AggTrade> trades)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var trade = new AggTrade { Symbol = symbol };
                ReadTradeFields(ref reader, null, ref trade);
                trades.Add(trade);
            }

            return reader.TokenType == JsonTokenType.EndArray && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>{"code":…,"msg":…}</c> from a REST error body; nulls when the body is not one.</summary>
    public static (string? Code, string? Message) ParseRestError(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var code = root.TryGetProperty("code", out var c) ? c.ToString() : null;
            var message = root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads an object: the combined-stream wrapper, a bare event, or an error/response object.</summary>
    private static BinanceMessageKind ReadObject(ref Utf8JsonReader reader, SymbolTable symbols, ref AggTrade trade, bool wrapped)
    {
        var kind = BinanceMessageKind.Unknown;
        var isAggTrade = false;
        var hasEventType = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!wrapped && reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    kind = ReadObject(ref reader, symbols, ref trade, wrapped: true);
                }
                else
                {
                    JsonReading.SkipIfContainer(ref reader);
                    kind = BinanceMessageKind.Malformed;
                }
            }
            else if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                hasEventType = true;
                isAggTrade = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("aggTrade"u8);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Skip();
                kind = BinanceMessageKind.Error;
            }
            else if (!ReadTradeField(ref reader, symbols, ref trade))
            {
                reader.Skip();
            }
        }

        if (hasEventType)
        {
            return isAggTrade ? CompleteTrade(ref trade, requireSymbol: true) : BinanceMessageKind.Unknown;
        }

        return kind;
    }

    private static void ReadTradeFields(ref Utf8JsonReader reader, SymbolTable? symbols, ref AggTrade trade)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ReadTradeField(ref reader, symbols, ref trade))
            {
                reader.Skip();
            }
        }

        CompleteTrade(ref trade, requireSymbol: false);
    }

    // The fields every aggregate trade must have (the symbol only in stream events).
    private const int SeenId = 1, SeenPrice = 2, SeenQuantity = 4, SeenTime = 8, SeenMaker = 16, SeenRequired = 31, SeenSymbol = 32;

    /// <summary>Reads one known trade field (the reader is on its name); false when the name is not a trade field.</summary>
    private static bool ReadTradeField(ref Utf8JsonReader reader, SymbolTable? symbols, ref AggTrade trade)
    {
        if (reader.ValueTextEquals("a"u8))
        {
            reader.Read();
            Note(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out trade.Id), SeenId, ref trade);
        }
        else if (reader.ValueTextEquals("p"u8))
        {
            reader.Read();
            Note(JsonReading.ReadDecimalString(ref reader, out trade.Price), SeenPrice, ref trade);
        }
        else if (reader.ValueTextEquals("q"u8))
        {
            reader.Read();
            Note(JsonReading.ReadDecimalString(ref reader, out trade.Quantity), SeenQuantity, ref trade);
        }
        else if (reader.ValueTextEquals("T"u8))
        {
            reader.Read();
            Note(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out trade.TradeTime), SeenTime, ref trade);
        }
        else if (reader.ValueTextEquals("m"u8))
        {
            reader.Read();
            trade.BuyerIsMaker = reader.TokenType == JsonTokenType.True;
            Note(reader.TokenType is JsonTokenType.True or JsonTokenType.False, SeenMaker, ref trade);
        }
        else if (symbols is not null && reader.ValueTextEquals("s"u8))
        {
            reader.Read();
            trade.Symbol = symbols.Find(ref reader);
            Note(reader.TokenType == JsonTokenType.String, SeenSymbol, ref trade);
        }
        else
        {
            return false;
        }

        JsonReading.SkipIfContainer(ref reader);
        return true;
    }

    private static void Note(bool read, int field, ref AggTrade trade)
    {
        if (read)
        {
            trade.Fields |= field;
        }
    }

    private static void Note(TickRejection result, int field, ref AggTrade trade)
    {
        if (result == TickRejection.None)
        {
            trade.Fields |= field;
        }
        else if (trade.Problem == TickRejection.None)
        {
            trade.Problem = result;
        }
    }

    private static BinanceMessageKind CompleteTrade(ref AggTrade trade, bool requireSymbol)
    {
        if (trade.Problem != TickRejection.None)
        {
            return BinanceMessageKind.AggTrade;
        }

        if ((trade.Fields & SeenRequired) != SeenRequired || (requireSymbol && (trade.Fields & SeenSymbol) == 0))
        {
            trade.Problem = TickRejection.Malformed;
        }
        else if (requireSymbol && trade.Symbol < 0)
        {
            trade.Problem = TickRejection.UnknownSymbol;
        }

        return BinanceMessageKind.AggTrade;
    }
}
