namespace QuantPulse.Sources.Live;

/// <summary>Unix timestamps from the wire to UTC times, without throwing on impossible values.</summary>
internal static class UnixTime
{
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// The instant <paramref name="seconds"/> after the epoch; zero or negative values map to the epoch itself (which
    /// validation rejects as a missing time), values beyond the calendar to null (rejected as in the future).
    /// </summary>
    public static DateTimeOffset? FromSeconds(long seconds) =>
        seconds <= 0 ? DateTimeOffset.UnixEpoch : seconds > MaxSeconds ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);

    /// <summary>As <see cref="FromSeconds"/>, for milliseconds.</summary>
    public static DateTimeOffset? FromMilliseconds(long milliseconds) =>
        milliseconds <= 0 ? DateTimeOffset.UnixEpoch : milliseconds > MaxMilliseconds ? null : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
