using QuantPulse.Model;

namespace QuantPulse.Candles;

/// <summary>
/// Builds longer candles from stored shorter ones (1m → 5m, 15m, 1h, 1d, …) with the bucket rules of live
/// candles, so a resampled candle equals the one <see cref="CandleBlock"/> builds from the same ticks.
/// </summary>
/// <remarks>
/// <para>
/// A target bucket is <c>[start, start + timeframe)</c> with <c>start</c> the open time rounded down in UTC
/// (<see cref="Timeframe.BucketStart"/>). Open is the first source candle's open, close the last one's close, high
/// and low the extremes, volume and tick count the sums.
/// </para>
/// <para>
/// Gap-filled source candles (no ticks, no volume, flat) are copies of an earlier close and take no part in a bucket that has
/// a traded candle, as the live builder never sees them; a bucket of gap-filled candles only gives a gap-filled
/// candle (no ticks, flat at their price). A bucket without any source candle gives nothing.
/// </para>
/// <para>
/// A target candle is closed when the source data reaches the end of its bucket (the last source candle closes at
/// or after it) or when <c>now</c> is at or past it, as the live builder closes on data or on the clock; the
/// others are returned open (<see cref="Candle.IsClosed"/> false). Open source candles are left out.
/// </para>
/// </remarks>
public static class CandleResampler
{
    /// <summary>Resamples closed candles of one series into a longer timeframe.</summary>
    /// <param name="candles">Candles of one symbol and one timeframe, in any order.</param>
    /// <param name="target">The timeframe to build: a whole multiple of the source timeframe.</param>
    /// <param name="now">The clock: buckets that end at or before it are closed; null to close on data only.</param>
    /// <returns>One candle per bucket with source data, ascending.</returns>
    /// <exception cref="ArgumentException">The candles mix symbols or timeframes, two share an open time, or
    /// <paramref name="target"/> is not a whole multiple of their timeframe.</exception>
    public static IReadOnlyList<Candle> Resample(IEnumerable<Candle> candles, Timeframe target, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(candles);
        if (!target.IsValid)
        {
            throw new ArgumentException("The target timeframe is not valid.", nameof(target));
        }

        var source = candles.Where(c => c.IsClosed).OrderBy(c => c.OpenTime).ToList();
        if (source.Count == 0)
        {
            return [];
        }

        var first = source[0];
        if (target.DurationTicks % first.Timeframe.DurationTicks != 0)
        {
            throw new ArgumentException($"{target} is not a whole multiple of {first.Timeframe}.", nameof(target));
        }

        for (var i = 1; i < source.Count; i++)
        {
            if (!string.Equals(source[i].Symbol, first.Symbol, StringComparison.Ordinal) || source[i].Timeframe != first.Timeframe)
            {
                throw new ArgumentException("The candles must be of one symbol and one timeframe.", nameof(candles));
            }

            if (source[i].OpenTime == source[i - 1].OpenTime)
            {
                throw new ArgumentException($"Two closed candles of {first.Symbol} open at {source[i].OpenTime:O}.", nameof(candles));
            }
        }

        var dataEnd = source[^1].CloseTime;
        var result = new List<Candle>();
        foreach (var bucket in source.GroupBy(c => target.BucketStart(c.OpenTime)))
        {
            var members = bucket.ToList();
            var traded = members.Where(c => !IsGapFill(c)).ToList();
            var end = bucket.Key + target.Duration;
            var closed = dataEnd >= end || (now is { } clock && clock >= end);
            result.Add(traded.Count == 0
                ? members[0] with { Timeframe = target, OpenTime = bucket.Key, Volume = 0, TickCount = 0, IsClosed = closed }
                : new Candle(
                    first.Symbol,
                    target,
                    bucket.Key,
                    traded[0].Open,
                    traded.Max(c => c.High),
                    traded.Min(c => c.Low),
                    traded[^1].Close,
                    traded.Sum(c => c.Volume),
                    traded.Sum(c => c.TickCount),
                    closed));
        }

        return result;
    }

    // A gap-filled candle: no ticks, no volume, flat. Candles without tick counts (uploaded bars) that moved or
    // traded volume are real bars.
    private static bool IsGapFill(Candle c) =>
        c.IsGapFill && c.Volume == 0 && c.Open == c.High && c.High == c.Low && c.Low == c.Close;
}
