namespace QuantPulse.Storage;

/// <summary>How instants are stored: UTC, to the microsecond, in every backend.</summary>
/// <remarks>
/// PostgreSQL's <c>timestamptz</c> holds microseconds, while <see cref="DateTimeOffset"/> holds 100 ns ticks. So
/// that both backends store and return the same value, every instant is truncated (rounded down) to the whole
/// microsecond and converted to UTC before it is written; an instant that is already a whole microsecond reads
/// back equal. Range bounds in queries are truncated the same way.
/// </remarks>
public static class StorageTime
{
    /// <summary>The instant as it is stored: UTC (offset zero), rounded down to the microsecond.</summary>
    /// <param name="time">Any instant.</param>
    /// <returns>The stored form of <paramref name="time"/>.</returns>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
}
