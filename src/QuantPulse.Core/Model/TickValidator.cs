namespace QuantPulse.Model;

/// <summary>The checks every source applies before it yields a <see cref="Tick"/>.</summary>
public static class TickValidator
{
    /// <summary>How far ahead of the clock a timestamp may lie before it is called impossible.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromDays(1);

    /// <summary>Checks a tick's fields.</summary>
    /// <param name="tick">The tick to check.</param>
    /// <param name="now">The current time, from the source's <see cref="TimeProvider"/>; <c>null</c> skips the future check (replay of recordings).</param>
    /// <param name="maxClockSkew">How far in the future a timestamp may be; <see cref="DefaultMaxClockSkew"/> when null.</param>
    /// <returns><see cref="TickRejection.None"/> when the tick is valid, otherwise the first reason it is not.</returns>
    public static TickRejection Validate(in Tick tick, DateTimeOffset? now = null, TimeSpan? maxClockSkew = null)
    {
        if (string.IsNullOrEmpty(tick.Symbol))
        {
            return TickRejection.MissingSymbol;
        }

        if (tick.Price <= 0m)
        {
            return TickRejection.NonPositivePrice;
        }

        if (tick.Size < 0m)
        {
            return TickRejection.NegativeSize;
        }

        if (tick.Time.UtcTicks <= DateTimeOffset.UnixEpoch.UtcTicks)
        {
            return TickRejection.MissingTime;
        }

        if (now is { } clock && tick.Time > clock + (maxClockSkew ?? DefaultMaxClockSkew))
        {
            return TickRejection.FutureTime;
        }

        return TickRejection.None;
    }
}
