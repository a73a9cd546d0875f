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
/// <item><term><see cref="History"/></term><description>zero: no history</description></item>
/// <item><term><see cref="ResumeFrom"/></term><description><c>null</c>: every symbol starts at <see cref="StartPrice"/></description></item>
/// </list>
/// </remarks>
public sealed class SimulatedSourceOptions
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
    private readonly TimeSpan _history;

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

    /// <summary>
    /// When paced: how much recent history the market generates, as fast as it is read, before it follows the
    /// clock, so candles, indicators and signals exist at once. History ticks lie on the grid
    /// <c>now − k·TickInterval</c> (k ≥ 1) that leads into the first live step at <c>now</c>, and come from the
    /// same walks, so they continue seamlessly into the live ticks. A symbol resumed from
    /// <see cref="ResumeFrom"/> generates only the part after its last known tick. Zero (the default) generates
    /// none. Ignored when <see cref="Pacing"/> is <see cref="TickPacing.AsFastAsPossible"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or over 366 days.</exception>
    public TimeSpan History
    {
        get => _history;
        init
        {
            if (value < TimeSpan.Zero || value > MaxHistory)
            {
                throw new ArgumentOutOfRangeException(nameof(History), value, "The history must be between zero and 366 days.");
            }

            _history = value;
        }
    }

    /// <summary>
    /// Where each symbol left off in an earlier run, asked once when reading starts: for every symbol with a
    /// tick in the answer, the walk continues from that tick's price instead of <see cref="StartPrice"/> and,
    /// when paced, history begins after that tick's time. Symbols without a tick start at
    /// <see cref="StartPrice"/>; ticks of other symbols are ignored. <c>null</c> (the default) resumes nothing.
    /// </summary>
    /// <remarks>
    /// A resumed walk draws its random numbers from a stream derived from <see cref="Seed"/>, the symbol's
    /// position and the resumed tick's time, so a restart does not replay the first run's moves and the same
    /// stored state and clock still give the same ticks.
    /// </remarks>
    public Func<CancellationToken, ValueTask<IReadOnlyList<Model.Tick>>>? ResumeFrom { get; init; }

    private static readonly TimeSpan MaxHistory = TimeSpan.FromDays(366);
}
