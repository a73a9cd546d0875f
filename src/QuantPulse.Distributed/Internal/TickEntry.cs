using System.Globalization;
using QuantPulse.Model;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>
/// A tick as the fields of one stream entry: <c>s</c> symbol, <c>t</c> UTC time in .NET ticks, <c>p</c> price,
/// <c>v</c> size, <c>src</c> source, and <c>b</c>/<c>a</c>/<c>sd</c> when the tick has a bid, an ask or a side.
/// Decimals travel as invariant text, so a price comes back with the digits it had.
/// </summary>
internal static class TickEntry
{
    public static NameValueEntry[] Encode(in Tick tick)
    {
        var extra = (tick.Bid is null ? 0 : 1) + (tick.Ask is null ? 0 : 1) + (tick.Side == AggressorSide.Unknown ? 0 : 1);
        var fields = new NameValueEntry[5 + extra];
        fields[0] = new("s", tick.Symbol);
        fields[1] = new("t", tick.Time.UtcTicks);
        fields[2] = new("p", tick.Price.ToString(CultureInfo.InvariantCulture));
        fields[3] = new("v", tick.Size.ToString(CultureInfo.InvariantCulture));
        fields[4] = new("src", tick.Source);
        var i = 5;
        if (tick.Bid is { } bid)
        {
            fields[i++] = new("b", bid.ToString(CultureInfo.InvariantCulture));
        }

        if (tick.Ask is { } ask)
        {
            fields[i++] = new("a", ask.ToString(CultureInfo.InvariantCulture));
        }

        if (tick.Side != AggressorSide.Unknown)
        {
            fields[i] = new("sd", (int)tick.Side);
        }

        return fields;
    }

    /// <summary>Reads a tick back; false when a field is missing or malformed, or the tick fails validation.</summary>
    public static bool TryDecode(StreamEntry entry, out Tick tick)
    {
        tick = default;
        string? symbol = null, source = null;
        long? time = null;
        decimal? price = null, size = null, bid = null, ask = null;
        var side = AggressorSide.Unknown;
        foreach (var field in entry.Values)
        {
            switch ((string?)field.Name)
            {
                case "s": symbol = field.Value; break;
                case "src": source = field.Value; break;
                case "t": time = long.TryParse((string?)field.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : null; break;
                case "p": price = Number(field.Value); break;
                case "v": size = Number(field.Value); break;
                case "b": bid = Number(field.Value); break;
                case "a": ask = Number(field.Value); break;
                case "sd": side = int.TryParse((string?)field.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sd) && Enum.IsDefined((AggressorSide)sd) ? (AggressorSide)sd : AggressorSide.Unknown; break;
                default: break;
            }
        }

        if (symbol is null || source is null || time is not { } utcTicks || price is not { } p || size is not { } v
            || utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        tick = new Tick(symbol, new DateTimeOffset(utcTicks, TimeSpan.Zero), p, v, source) { Bid = bid, Ask = ask, Side = side };
        return TickValidator.Validate(tick) == TickRejection.None;
    }

    private static decimal? Number(RedisValue value) =>
        decimal.TryParse((string?)value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
