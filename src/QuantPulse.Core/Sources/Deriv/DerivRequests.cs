using System.Buffers;
using System.Text.Json;

namespace QuantPulse.Sources.Deriv;

/// <summary>The Deriv API v3 requests the source sends, as UTF-8 JSON.</summary>
internal static class DerivRequests
{
    /// <summary><c>{"ticks":"R_100","subscribe":1,"req_id":1}</c></summary>
    public static byte[] Subscribe(string symbol, long requestId) => Write(writer =>
    {
        writer.WriteString("ticks"u8, symbol);
        writer.WriteNumber("subscribe"u8, 1);
        writer.WriteNumber("req_id"u8, requestId);
    });

    /// <summary>
    /// <c>{"ticks_history":"R_100","style":"ticks","end":"latest","start":1745675530,"count":5000,"req_id":2}</c>;
    /// <c>start</c> is left out when null, <c>end</c> is <c>latest</c> when null. Deriv answers with the latest
    /// <c>count</c> ticks in <c>[start, end]</c>.
    /// </summary>
    public static byte[] TicksHistory(string symbol, long? start, long? end, int count, long requestId) => Write(writer =>
    {
        writer.WriteString("ticks_history"u8, symbol);
        writer.WriteString("style"u8, "ticks"u8);
        if (end is { } e)
        {
            writer.WriteNumber("end"u8, e);
        }
        else
        {
            writer.WriteString("end"u8, "latest"u8);
        }

        if (start is { } s)
        {
            writer.WriteNumber("start"u8, s);
        }

        writer.WriteNumber("count"u8, count);
        writer.WriteNumber("req_id"u8, requestId);
    });

    /// <summary><c>{"ping":1}</c></summary>
    public static byte[] Ping { get; } = "{\"ping\":1}"u8.ToArray();

    /// <summary>The endpoint with <c>app_id</c> appended to its query (unless it has one).</summary>
    public static Uri BuildUri(Uri endpoint, int appId)
    {
        var builder = new UriBuilder(endpoint);
        var query = builder.Query.TrimStart('?');
        if (!query.Split('&').Any(p => p.StartsWith("app_id=", StringComparison.Ordinal)))
        {
            query = (query.Length == 0 ? string.Empty : query + "&") + "app_id=" + appId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Query = query;
        return builder.Uri;
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
