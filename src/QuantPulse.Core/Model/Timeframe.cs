using System.Diagnostics.CodeAnalysis;

namespace QuantPulse.Model;

/// <summary>
/// A candle period: one of <c>1s</c>, <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.
/// </summary>
/// <remarks>
/// Buckets are half-open UTC intervals <c>[start, start + duration)</c> where <c>start</c> is the timestamp
/// rounded down to a whole multiple of the duration since the Unix epoch; a day therefore starts at 00:00 UTC
/// and a four-hour bucket at 00:00, 04:00, … UTC. The default value is not a valid timeframe.
/// </remarks>
public readonly struct Timeframe : IEquatable<Timeframe>, IComparable<Timeframe>, ISpanParsable<Timeframe>
{
    private static readonly (string Name, TimeSpan Duration)[] Known =
    [
        ("1s", TimeSpan.FromSeconds(1)),
        ("1m", TimeSpan.FromMinutes(1)),
        ("5m", TimeSpan.FromMinutes(5)),
        ("15m", TimeSpan.FromMinutes(15)),
        ("30m", TimeSpan.FromMinutes(30)),
        ("1h", TimeSpan.FromHours(1)),
        ("4h", TimeSpan.FromHours(4)),
        ("1d", TimeSpan.FromDays(1)),
    ];

    private readonly int _index; // 1-based index into Known; 0 = default (invalid)

    private Timeframe(int index) => _index = index;

    /// <summary>One second.</summary>
    public static Timeframe OneSecond { get; } = new(1);

    /// <summary>One minute.</summary>
    public static Timeframe OneMinute { get; } = new(2);

    /// <summary>Five minutes.</summary>
    public static Timeframe FiveMinutes { get; } = new(3);

    /// <summary>Fifteen minutes.</summary>
    public static Timeframe FifteenMinutes { get; } = new(4);

    /// <summary>Thirty minutes.</summary>
    public static Timeframe ThirtyMinutes { get; } = new(5);

    /// <summary>One hour.</summary>
    public static Timeframe OneHour { get; } = new(6);

    /// <summary>Four hours.</summary>
    public static Timeframe FourHours { get; } = new(7);

    /// <summary>One day (00:00 to 24:00 UTC).</summary>
    public static Timeframe OneDay { get; } = new(8);

    /// <summary>Every supported timeframe, shortest first.</summary>
    public static IReadOnlyList<Timeframe> All { get; } =
        [OneSecond, OneMinute, FiveMinutes, FifteenMinutes, ThirtyMinutes, OneHour, FourHours, OneDay];

    /// <summary>Whether this is one of the supported timeframes (false for <c>default</c>).</summary>
    public bool IsValid => _index > 0;

    /// <summary>The length of one bucket.</summary>
    public TimeSpan Duration => _index > 0 ? Known[_index - 1].Duration : TimeSpan.Zero;

    /// <summary>The canonical short name, such as <c>1m</c> or <c>4h</c>.</summary>
    public string Name => _index > 0 ? Known[_index - 1].Name : "invalid";

    /// <summary>Returns the start of the bucket that contains <paramref name="time"/>, in UTC.</summary>
    /// <param name="time">Any instant; its offset is ignored (the bucket is computed in UTC).</param>
    /// <exception cref="InvalidOperationException">This is the default (invalid) timeframe.</exception>
    public DateTimeOffset BucketStart(DateTimeOffset time)
    {
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - FloorMod(utc, DurationTicks), TimeSpan.Zero);
    }

    /// <summary>The bucket start, as UTC ticks, of the instant <paramref name="utcTicks"/> (UTC ticks).</summary>
    /// <param name="utcTicks">An instant in UTC ticks.</param>
    /// <exception cref="InvalidOperationException">This is the default (invalid) timeframe.</exception>
    public long BucketStartTicks(long utcTicks) => utcTicks - FloorMod(utcTicks, DurationTicks);

    /// <summary>The duration in ticks.</summary>
    /// <exception cref="InvalidOperationException">This is the default (invalid) timeframe.</exception>
    public long DurationTicks => _index > 0
        ? Known[_index - 1].Duration.Ticks
        : throw new InvalidOperationException("The default Timeframe is not valid; use Timeframe.Parse or a static member.");

    /// <summary>Parses <c>1s</c>, <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>30m</c>, <c>1h</c>, <c>4h</c> or <c>1d</c>.</summary>
    /// <param name="s">The text to parse (surrounding white space is ignored).</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="FormatException">The text is not one of the supported timeframes.</exception>
    public static Timeframe Parse(string s) => Parse(s.AsSpan(), null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: timeframe names are culture-invariant.</param>
    public static Timeframe Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored: timeframe names are culture-invariant.</param>
    public static Timeframe Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException(
                $"'{s.ToString()}' is not a timeframe; expected one of {string.Join(", ", Known.Select(k => k.Name))}.");

    /// <summary>Tries to parse a timeframe name.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The timeframe, when the method returns true.</param>
    /// <returns>Whether the text named a supported timeframe.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out Timeframe result) =>
        TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string?, out Timeframe)"/>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The timeframe, when the method returns true.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Timeframe result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string?, out Timeframe)"/>
    /// <param name="s">The text to parse.</param>
    /// <param name="provider">Ignored.</param>
    /// <param name="result">The timeframe, when the method returns true.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Timeframe result)
    {
        s = s.Trim();
        for (var i = 0; i < Known.Length; i++)
        {
            // Minutes are lower-case only: "1M" would read as a month elsewhere.
            var name = Known[i].Name;
            if (s.Equals(name, StringComparison.Ordinal) ||
                (name[^1] != 'm' && s.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                result = new Timeframe(i + 1);
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>Returns the supported timeframe whose duration is exactly <paramref name="duration"/>.</summary>
    /// <param name="duration">A bucket length.</param>
    /// <returns>The timeframe.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No supported timeframe has that duration.</exception>
    public static Timeframe FromDuration(TimeSpan duration)
    {
        for (var i = 0; i < Known.Length; i++)
        {
            if (Known[i].Duration == duration)
            {
                return new Timeframe(i + 1);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(duration), duration, "No supported timeframe has this duration.");
    }

    /// <inheritdoc/>
    public bool Equals(Timeframe other) => _index == other._index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Timeframe other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _index;

    /// <inheritdoc/>
    public int CompareTo(Timeframe other) => _index.CompareTo(other._index);

    /// <summary>The canonical short name, such as <c>5m</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>Equality.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether both are the same timeframe.</returns>
    public static bool operator ==(Timeframe left, Timeframe right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether the timeframes differ.</returns>
    public static bool operator !=(Timeframe left, Timeframe right) => !left.Equals(right);

    /// <summary>Shorter than.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether <paramref name="left"/> is shorter.</returns>
    public static bool operator <(Timeframe left, Timeframe right) => left.CompareTo(right) < 0;

    /// <summary>Longer than.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether <paramref name="left"/> is longer.</returns>
    public static bool operator >(Timeframe left, Timeframe right) => left.CompareTo(right) > 0;

    /// <summary>Shorter than or equal.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether <paramref name="left"/> is not longer.</returns>
    public static bool operator <=(Timeframe left, Timeframe right) => left.CompareTo(right) <= 0;

    /// <summary>Longer than or equal.</summary>
    /// <param name="left">The first timeframe.</param>
    /// <param name="right">The second timeframe.</param>
    /// <returns>Whether <paramref name="left"/> is not shorter.</returns>
    public static bool operator >=(Timeframe left, Timeframe right) => left.CompareTo(right) >= 0;

    private static long FloorMod(long value, long divisor)
    {
        var r = value % divisor;
        return r < 0 ? r + divisor : r;
    }
}
