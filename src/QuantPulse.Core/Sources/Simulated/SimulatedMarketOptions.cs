namespace QuantPulse.Sources.Simulated;

/// <summary>Settings of a <see cref="SimulatedMarketSource"/>.</summary>
/// <remarks>
/// <para>Each range check runs when the property is set; the source copies the values when it is created.</para>
/// <list type="table">
/// <listheader><term>Property</term><description>Default</description></listheader>
/// <item><term><see cref="Symbols"/></term><description><c>SIM_V100</c> (<see cref="DefaultSymbol"/>)</description></item>
/// <item><term><see cref="Seed"/></term><description>1</description></item>
/// <item><term><see cref="TickInterval"/></term><description>1 second</description></item>
/// <item><term><see cref="Volatility"/></term><description>1.0 (100 % a year, as Deriv's "Volatility 100 Index")</description></item>
/// <item><term><see cref="StartPrice"/></term><description>1000</description></item>
/// <item><term><see cref="Decimals"/></term><description>2 (a pip of 0.01)</description></item>
/// <item><term><see cref="StartTime"/></term><description><c>null</c>: the clock reading when reading starts</description></item>
/// <item><term><see cref="TicksPerSymbol"/></term><description><c>null</c>: no limit</description></item>
/// <item><term><see cref="Pacing"/></term><description><see cref="TickPacing.Paced"/></description></item>
/// </list>
/// </remarks>
public sealed class SimulatedMarketOptions
{
    /// <summary>The symbol used when none is configured. The <c>SIM_</c> prefix marks simulated prices.</summary>
    public const string DefaultSymbol = "SIM_V100";

    private readonly TimeSpan _tickInterval = TimeSpan.FromSeconds(1);
    private readonly double _volatility = 1.0;
    private readonly decimal _startPrice = 1000m;
    private readonly int _decimals = 2;
    private readonly DateTimeOffset? _startTime;
    private readonly long? _ticksPerSymbol;
    private readonly TickPacing _pacing = TickPacing.Paced;

    /// <summary>
    /// The simulated instruments, in the order their ticks are emitted at equal times. Each gets its own random
    /// stream, derived from <see cref="Seed"/> and its position in this list. Names must be distinct and non-empty;
    /// choose names that show the prices are simulated (the default is <c>SIM_V100</c>).
    /// </summary>
    public IReadOnlyList<string> Symbols { get; init; } = [DefaultSymbol];

    /// <summary>The seed: the same seed and settings give the same ticks, bit for bit, on every machine.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The time between two ticks of a symbol.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan TickInterval
    {
        get => _tickInterval;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(TickInterval));
            _tickInterval = value;
        }
    }

    /// <summary>
    /// The annualised volatility σ of the geometric Brownian motion, as a fraction (1.0 = 100 %). A year is
    /// 365 days of uninterrupted trading, so one tick's log return has standard deviation
    /// σ·√(<see cref="TickInterval"/> / 365 days).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in (0, 10].</exception>
    public double Volatility
    {
        get => _volatility;
        init
        {
            if (!(value > 0.0 && value <= 10.0))
            {
                throw new ArgumentOutOfRangeException(nameof(Volatility), value, "The volatility must be in (0, 10] (a fraction: 1.0 is 100 %).");
            }

            _volatility = value;
        }
    }

    /// <summary>The price of every symbol's first tick.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public decimal StartPrice
    {
        get => _startPrice;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, 0m, nameof(StartPrice));
            _startPrice = value;
        }
    }

    /// <summary>How many decimals prices carry (the pip size is 10^-Decimals); every price has exactly this scale.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [0, 10].</exception>
    public int Decimals
    {
        get => _decimals;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Decimals));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10, nameof(Decimals));
            _decimals = value;
        }
    }

    /// <summary>
    /// The time of the first tick when <see cref="Pacing"/> is <see cref="TickPacing.AsFastAsPossible"/>;
    /// <c>null</c> takes the clock reading when reading starts. Ignored when paced (ticks carry the clock's time).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not after the Unix epoch.</exception>
    public DateTimeOffset? StartTime
    {
        get => _startTime;
        init
        {
            if (value is { } start && start <= DateTimeOffset.UnixEpoch)
            {
                throw new ArgumentOutOfRangeException(nameof(StartTime), value, "The start time must be after 1970-01-01T00:00:00Z.");
            }

            _startTime = value?.ToUniversalTime();
        }
    }

    /// <summary>How many ticks each symbol produces before the source ends; <c>null</c> runs until cancelled.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public long? TicksPerSymbol
    {
        get => _ticksPerSymbol;
        init
        {
            if (value is { } count)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(count, 0L, nameof(TicksPerSymbol));
            }

            _ticksPerSymbol = value;
        }
    }

    /// <summary>Whether ticks follow the clock (live-like) or come as fast as they are read.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public TickPacing Pacing
    {
        get => _pacing;
        init => _pacing = SourceOptionGuards.DefinedPacing(value, nameof(Pacing));
    }
}
