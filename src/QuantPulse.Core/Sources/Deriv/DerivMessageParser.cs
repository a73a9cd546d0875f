using System.Text.Json;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Deriv;

/// <summary>
/// Reads Deriv API v3 messages straight from their UTF-8 bytes with <see cref="Utf8JsonReader"/>. A tick message
/// allocates nothing: property names are compared as bytes, the symbol is matched against the
/// <see cref="SymbolTable"/>, numbers are read exactly into <see cref="decimal"/>. Only errors and history answers
/// (rare) allocate their strings and arrays.
/// </summary>
/// <remarks>
/// Shapes read (property order does not matter, unknown properties are skipped):
/// <code>
/// {"echo_req":{"ticks":"R_100","subscribe":1,"req_id":2},"msg_type":"tick","req_id":2,"subscription":{"id":"…"},
///  "tick":{"ask":1234.6,"bid":1234.5,"epoch":1745675530,"id":"…","pip_size":2,"quote":1234.56,"symbol":"R_100"}}
/// {"echo_req":{…},"msg_type":"history","pip_size":2,"req_id":3,"history":{"prices":[1234.56,…],"times":[1745675530,…]}}
/// {"echo_req":{"ping":1},"msg_type":"ping","ping":"pong"}
/// {"echo_req":{"ticks":"R_X",…},"error":{"code":"InvalidSymbol","message":"…"},"msg_type":"ticks","req_id":4}
/// </code>
/// </remarks>
internal static class DerivMessageParser
{
    /// <summary>Parses one message; never throws for bad input (it comes back as <see cref="DerivMessageKind.Malformed"/>).</summary>
    public static DerivMessage Parse(ReadOnlySpan<byte> utf8, SymbolTable symbols)
    {
        var message = new DerivMessage { Symbol = -1, EchoSymbol = -1 };
        try
        {
            message.Kind = ParseObject(utf8, symbols, ref message);
        }
        catch (JsonException)
        {
            message.Kind = DerivMessageKind.Malformed;
        }

        return message;
    }

    private static DerivMessageKind ParseObject(ReadOnlySpan<byte> utf8, SymbolTable symbols, ref DerivMessage message)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return DerivMessageKind.Malformed;
        }

        var type = DerivMessageKind.Unknown;
        var hasType = false;
        var hasTick = false;
        var hasHistory = false;
        var hasError = false;
        var echoStart = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("msg_type"u8))
            {
                reader.Read();
                hasType = reader.TokenType == JsonTokenType.String;
                type = !hasType ? DerivMessageKind.Unknown
                    : reader.ValueTextEquals("tick"u8) ? DerivMessageKind.Tick
                    : reader.ValueTextEquals("history"u8) ? DerivMessageKind.History
                    : reader.ValueTextEquals("ping"u8) ? DerivMessageKind.Ping
                    : DerivMessageKind.Unknown;
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("tick"u8))
            {
                reader.Read();
                hasTick = reader.TokenType == JsonTokenType.StartObject && ParseTick(ref reader, symbols, ref message);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("history"u8))
            {
                reader.Read();
                hasHistory = reader.TokenType == JsonTokenType.StartObject && ParseHistory(ref reader, ref message);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                hasError = reader.TokenType == JsonTokenType.StartObject && ParseError(ref reader, ref message);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("req_id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id))
                {
                    message.RequestId = id;
                }

                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("echo_req"u8))
            {
                // Only errors need it (to name the symbol); skip it now and come back if the message is one.
                reader.Read();
                echoStart = reader.TokenType == JsonTokenType.StartObject ? (int)reader.TokenStartIndex : -1;
                JsonReading.SkipIfContainer(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything after the closing brace is garbage; the reader throws on it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return DerivMessageKind.Malformed;
        }

        if (hasError)
        {
            if (echoStart >= 0)
            {
                var echo = new Utf8JsonReader(utf8[echoStart..], isFinalBlock: true, state: default);
                echo.Read();
                ParseEcho(ref echo, symbols, ref message);
            }

            return DerivMessageKind.Error;
        }

        return type switch
        {
            DerivMessageKind.Tick => hasTick ? DerivMessageKind.Tick : DerivMessageKind.Malformed,
            DerivMessageKind.History => hasHistory ? DerivMessageKind.History : DerivMessageKind.Malformed,
            _ => hasType ? type : DerivMessageKind.Unknown,
        };
    }

    /// <summary>Reads the <c>tick</c> object; returns false (positioned inside it) when the tick lacks a required field.</summary>
    private static bool ParseTick(ref Utf8JsonReader reader, SymbolTable symbols, ref DerivMessage message)
    {
        bool hasEpoch = false, hasQuote = false, hasSymbol = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("epoch"u8))
            {
                reader.Read();
                hasEpoch = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out message.Epoch);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("quote"u8))
            {
                reader.Read();
                hasQuote = ReadPrice(ref reader, out message.Quote, ref message.Problem);
            }
            else if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                hasSymbol = reader.TokenType == JsonTokenType.String;
                message.Symbol = symbols.Find(ref reader);
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("bid"u8))
            {
                reader.Read();
                message.Bid = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var bid) ? bid : null;
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("ask"u8))
            {
                reader.Read();
                message.Ask = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var ask) ? ask : null;
                JsonReading.SkipIfContainer(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (message.Problem == TickRejection.None)
        {
            if (!hasEpoch || !hasQuote || !hasSymbol)
            {
                message.Problem = TickRejection.Malformed;
            }
            else if (message.Symbol < 0)
            {
                message.Problem = TickRejection.UnknownSymbol;
            }
        }

        // The tick object was read to its end; the message is a tick whatever its content says.
        return true;
    }

    /// <summary>Reads a price that should be a JSON number; "NaN"/"Infinity" strings are reported as such.</summary>
    private static bool ReadPrice(ref Utf8JsonReader reader, out decimal value, ref TickRejection problem)
    {
        value = 0m;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out value))
            {
                return true;
            }

            problem = TickRejection.NotANumber; // finite in JSON but beyond decimal's range
            return false;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && JsonReading.IsNonFinite(reader.ValueSpan))
        {
            problem = TickRejection.NotANumber;
            return false;
        }

        problem = TickRejection.Malformed;
        JsonReading.SkipIfContainer(ref reader);
        return false;
    }

    private static bool ParseHistory(ref Utf8JsonReader reader, ref DerivMessage message)
    {
        List<long>? times = null;
        List<decimal>? prices = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("times"u8))
            {
                reader.Read();
                times = ReadArray(ref reader, static (ref Utf8JsonReader r, out long v) => r.TryGetInt64(out v));
            }
            else if (reader.ValueTextEquals("prices"u8))
            {
                reader.Read();
                prices = ReadArray(ref reader, static (ref Utf8JsonReader r, out decimal v) => r.TryGetDecimal(out v));
            }
            else
            {
                reader.Skip();
            }
        }

        if (times is null || prices is null || times.Count != prices.Count)
        {
            message.Problem = TickRejection.Malformed;
            message.HistoryTimes = [];
            message.HistoryPrices = [];
        }
        else
        {
            message.HistoryTimes = [.. times];
            message.HistoryPrices = [.. prices];
        }

        return true;
    }

    private delegate bool NumberReader<T>(ref Utf8JsonReader reader, out T value);

    /// <summary>Reads an array of numbers; null (and the array skipped) if it is not one or holds a non-number.</summary>
    private static List<T>? ReadArray<T>(ref Utf8JsonReader reader, NumberReader<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var depth = reader.CurrentDepth;
        var values = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !read(ref reader, out var value))
            {
                // Move to this array's own end, through whatever is nested in it.
                while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth) && reader.Read())
                {
                }

                return null;
            }

            values.Add(value);
        }

        return values;
    }

    private static bool ParseError(ref Utf8JsonReader reader, ref DerivMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                message.ErrorCode = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                JsonReading.SkipIfContainer(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message.ErrorMessage = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                JsonReading.SkipIfContainer(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        message.ErrorCode ??= "unknown";
        message.ErrorMessage ??= string.Empty;
        return true;
    }

    private static void ParseEcho(ref Utf8JsonReader reader, SymbolTable symbols, ref DerivMessage message)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ticks"u8) || reader.ValueTextEquals("ticks_history"u8))
            {
                reader.Read();
                message.EchoSymbol = symbols.Find(ref reader);
                JsonReading.SkipIfContainer(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
