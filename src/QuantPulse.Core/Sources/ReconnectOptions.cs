using QuantPulse.Sources.Live;

namespace QuantPulse.Sources;

/// <summary>How a live source waits between connection attempts: exponential backoff with jitter and a cap.</summary>
/// <remarks>
/// <para>
/// Before the <c>n</c>-th consecutive retry the source waits a delay drawn uniformly from <c>[d·(1 − J), d]</c>, where
/// <c>d = min(InitialDelay · Multiplier^(n−1), MaxDelay)</c> and <c>J</c> is <see cref="JitterFactor"/>. A connection
/// that stayed live for at least <see cref="HealthyPeriod"/> resets the count, so the next drop retries after about
/// <see cref="InitialDelay"/> again. A connection that opens but drops sooner still counts as a failure, so a venue
/// that accepts and immediately closes cannot make the source spin. Delays run on the source's
/// <see cref="TimeProvider"/>.
/// </para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="InitialDelay"/></term><description>1 second</description></item>
/// <item><term><see cref="MaxDelay"/></term><description>60 seconds</description></item>
/// <item><term><see cref="Multiplier"/></term><description>2</description></item>
/// <item><term><see cref="JitterFactor"/></term><description>0.2</description></item>
/// <item><term><see cref="HealthyPeriod"/></term><description>60 seconds</description></item>
/// <item><term><see cref="MaxConsecutiveFailures"/></term><description>null (retry for ever)</description></item>
/// </list>
/// </remarks>
public sealed class ReconnectOptions
{
    private readonly TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _maxDelay = TimeSpan.FromSeconds(60);
    private readonly double _multiplier = 2.0;
    private readonly double _jitterFactor = 0.2;
    private readonly TimeSpan _healthyPeriod = TimeSpan.FromSeconds(60);
    private readonly int? _maxConsecutiveFailures;

    /// <summary>The delay before the first retry, before jitter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan InitialDelay { get => _initialDelay; init => _initialDelay = OptionChecks.Positive(value, nameof(InitialDelay)); }

    /// <summary>The longest delay between attempts (the cap); must not be shorter than <see cref="InitialDelay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan MaxDelay { get => _maxDelay; init => _maxDelay = OptionChecks.Positive(value, nameof(MaxDelay)); }

    /// <summary>The growth factor of the delay from one retry to the next (at least 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above 100, or not finite.</exception>
    public double Multiplier { get => _multiplier; init => _multiplier = OptionChecks.InRange(value, 1.0, 100.0, nameof(Multiplier)); }

    /// <summary>The share of each delay that is random (0 for none, 1 for "anything from zero to the delay").</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1].</exception>
    public double JitterFactor { get => _jitterFactor; init => _jitterFactor = OptionChecks.InRange(value, 0.0, 1.0, nameof(JitterFactor)); }

    /// <summary>How long a connection must stay live for the failure count to start again from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan HealthyPeriod { get => _healthyPeriod; init => _healthyPeriod = OptionChecks.Positive(value, nameof(HealthyPeriod)); }

    /// <summary>
    /// After this many consecutive failures the source gives up (<see cref="ConnectionState.Failed"/>) and its tick
    /// stream ends with an <see cref="IOException"/>; <c>null</c> retries for ever.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? MaxConsecutiveFailures
    {
        get => _maxConsecutiveFailures;
        init => _maxConsecutiveFailures = value is { } n ? OptionChecks.InRange(n, 1, int.MaxValue, nameof(MaxConsecutiveFailures)) : null;
    }

    internal void Validate(string paramName)
    {
        if (MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxDelay, "Reconnect.MaxDelay must not be shorter than Reconnect.InitialDelay.");
        }
    }
}
