namespace QuantPulse.Sources.Live;

/// <summary>Counts consecutive connection failures and turns them into delays (see <see cref="ReconnectOptions"/>).</summary>
internal sealed class Backoff(ReconnectOptions options, Random random)
{
    /// <summary>Consecutive failures so far.</summary>
    public int Failures { get; private set; }

    /// <summary>Whether the configured number of consecutive failures has been reached.</summary>
    public bool IsExhausted => options.MaxConsecutiveFailures is { } max && Failures >= max;

    /// <summary>The delay before the <paramref name="retry"/>-th retry without jitter.</summary>
    public static TimeSpan BaseDelay(ReconnectOptions options, int retry)
    {
        var factor = Math.Pow(options.Multiplier, Math.Max(0, retry - 1));
        var ticks = options.InitialDelay.Ticks * factor;
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Counts one more failure.</summary>
    public void RecordFailure() => Failures++;

    /// <summary>The delay before the next retry, jitter included.</summary>
    public TimeSpan NextDelay()
    {
        var delay = BaseDelay(options, Failures);
        if (options.JitterFactor == 0.0)
        {
            return delay;
        }

        var scale = 1.0 - (options.JitterFactor * random.NextDouble());
        return TimeSpan.FromTicks((long)(delay.Ticks * scale));
    }

    /// <summary>Starts counting again after a healthy connection.</summary>
    public void Reset() => Failures = 0;
}
