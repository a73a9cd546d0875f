using System.Globalization;
using System.Text.Json;
using QuantPulse.Model;

namespace QuantPulse.Sources.Live;

/// <summary>Small <see cref="Utf8JsonReader"/> helpers shared by the venue parsers; none allocates.</summary>
internal static class JsonReading
{
    private const int MaxNumberBytes = 64;

    /// <summary>After a value was read (or half-read), moves past the rest of it if it is an object or array.</summary>
    public static void SkipIfContainer(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    /// <summary>
    /// Reads a decimal written as a JSON string (<c>"0.001"</c>), exactly: plain digits with an optional sign and point.
    /// <c>"NaN"</c> and <c>"Infinity"</c> come back as <see cref="TickRejection.NotANumber"/>, anything else that is
    /// not such a number as <see cref="TickRejection.Malformed"/>.
    /// </summary>
    public static TickRejection ReadDecimalString(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0m;
        if (reader.TokenType != JsonTokenType.String)
        {
            SkipIfContainer(ref reader);
            return TickRejection.Malformed;
        }

        Span<byte> unescaped = stackalloc byte[MaxNumberBytes];
        scoped ReadOnlySpan<byte> text;
        if (!reader.ValueIsEscaped)
        {
            text = reader.ValueSpan;
        }
        else if (reader.ValueSpan.Length <= MaxNumberBytes)
        {
            text = unescaped[..reader.CopyString(unescaped)];
        }
        else
        {
            return TickRejection.Malformed;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return TickRejection.None;
        }

        return IsNonFinite(text) ? TickRejection.NotANumber : TickRejection.Malformed;
    }

    /// <summary>Whether the text is one of the spellings of a non-finite number feeds use.</summary>
    public static bool IsNonFinite(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("NaN"u8) || text.SequenceEqual("Infinity"u8) || text.SequenceEqual("-Infinity"u8) ||
        text.SequenceEqual("+Infinity"u8) || text.SequenceEqual("inf"u8) || text.SequenceEqual("-inf"u8);
}
