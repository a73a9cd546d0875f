using QuantPulse.Sources;
using QuantPulse.Sources.Live;

namespace QuantPulse.Tests.Sources.Live;

public class BackoffTests
{
    [Fact]
    public void NextDelay_WithoutJitter_GrowsByTheMultiplierUpToTheCap()
    {
        var backoff = new Backoff(new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(1), Multiplier = 3, MaxDelay = TimeSpan.FromSeconds(20), JitterFactor = 0 }, new Random(1));
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            backoff.RecordFailure();
            delays.Add(backoff.NextDelay());
        }

        Assert.Equal([1, 3, 9, 20, 20], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void NextDelay_WithJitter_StaysBetweenTheFloorAndTheBase()
    {
        var options = new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), JitterFactor = 0.25 };
        var backoff = new Backoff(options, new Random(7));
        var seen = new HashSet<TimeSpan>();
        for (var i = 1; i <= 200; i++)
        {
            backoff.RecordFailure();
            var full = Backoff.BaseDelay(options, backoff.Failures);
            var delay = backoff.NextDelay();
            Assert.InRange(delay, full * 0.75, full);
            seen.Add(delay);
        }

        Assert.True(seen.Count > 100, "jitter spreads the delays");
    }

    [Fact]
    public void Reset_AfterFailures_StartsFromTheInitialDelayAgain()
    {
        var backoff = new Backoff(new ReconnectOptions { JitterFactor = 0 }, new Random(1));
        backoff.RecordFailure();
        backoff.RecordFailure();
        backoff.Reset();
        backoff.RecordFailure();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay());
    }

    [Fact]
    public void IsExhausted_AfterMaxConsecutiveFailures_IsTrue()
    {
        var backoff = new Backoff(new ReconnectOptions { MaxConsecutiveFailures = 2 }, new Random(1));
        backoff.RecordFailure();
        Assert.False(backoff.IsExhausted);
        backoff.RecordFailure();
        Assert.True(backoff.IsExhausted);
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectOptions { InitialDelay = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectOptions { Multiplier = 0.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectOptions { JitterFactor = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectOptions { JitterFactor = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectOptions { MaxConsecutiveFailures = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuantPulse.Sources.Deriv.DerivSourceOptions
        {
            Symbols = ["R_100"],
            Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) },
        });
    }
}
