using System.Globalization;
using StackExchange.Redis;

namespace QuantPulse.Distributed.Internal;

/// <summary>A Redis stream entry id (<c>ms-seq</c>), ordered as Redis orders them.</summary>
internal readonly record struct StreamId(long Ms, long Seq) : IComparable<StreamId>
{
    public static StreamId Parse(RedisValue id)
    {
        var text = (string?)id ?? throw new FormatException("A stream entry id is missing.");
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new StreamId(long.Parse(text, CultureInfo.InvariantCulture), 0)
            : new StreamId(long.Parse(text.AsSpan(0, dash), CultureInfo.InvariantCulture), long.Parse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public int CompareTo(StreamId other) => Ms != other.Ms ? Ms.CompareTo(other.Ms) : Seq.CompareTo(other.Seq);

    public static bool operator <(StreamId left, StreamId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamId left, StreamId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamId left, StreamId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamId left, StreamId right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ms}-{Seq}");
}
