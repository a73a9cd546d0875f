using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuantPulse.Dashboard.Api;

/// <summary>The wire conventions of the API and the feed: snake_case names, UTC times with <c>Z</c>, exact decimals.</summary>
internal static class ApiJson
{
    /// <summary>The serializer options every response and feed message uses.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to a set of options.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

        // Responses are application/json, never embedded in HTML: quotes and apostrophes stay readable.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new UtcTimeConverter());
        return options;
    }

    /// <summary>An instant as ISO-8601 UTC with <c>Z</c>: whole seconds, or milliseconds when the time is sub-second.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString(
            time.UtcTicks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            CultureInfo.InvariantCulture);

    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Time(value));
    }
}
