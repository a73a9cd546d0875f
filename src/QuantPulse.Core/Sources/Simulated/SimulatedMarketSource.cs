using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;

namespace QuantPulse.Sources.Simulated;

/// <summary>
/// The built-in simulated market: seeded, deterministic random walks in the style of Deriv's volatility indices
/// (a geometric Brownian motion with a constant annualised volatility). Every tick carries
/// <see cref="TickSources.Simulated"/> as its source: these prices are never real.
/// </summary>
/// <remarks>
/// <para>
/// Each symbol has its own random stream derived from <see cref="SimulatedMarketOptions.Seed"/> and the
/// symbol's position in <see cref="SimulatedMarketOptions.Symbols"/>, so the same seed and settings give the same
/// prices, bit for bit, on every machine and runtime; adding a symbol at the end does not change the others. The
/// sequence of prices does not depend on the pacing: only the timestamps do.
/// </para>
/// <para>
/// At each step every symbol produces one tick, in the order of <see cref="SimulatedMarketOptions.Symbols"/>.
/// With <see cref="TickPacing.AsFastAsPossible"/> the first step is at <see cref="SimulatedMarketOptions.StartTime"/>
/// and each further step one <see cref="SimulatedMarketOptions.TickInterval"/> later. With
/// <see cref="TickPacing.Paced"/> the first step happens at once and the next ones on a periodic timer of the
/// injected <see cref="TimeProvider"/>, and ticks carry the clock reading; steps the clock skipped (a suspended
/// process) are dropped, not caught up in a burst. Ticks carry no size, bid or ask.
/// </para>
/// <para>
/// A source is read once: <see cref="ReadAsync"/> throws on a second call. <see cref="GetWatermark"/> and
/// <see cref="Statistics"/> may be read from any thread.
/// </para>
/// </remarks>
public sealed class SimulatedMarketSource : ITickSource
{
    private const long NoTime = long.MinValue;

    private readonly string[] _symbols;
    private readonly string _symbolList;
    private readonly ulong _seed;
    private readonly TimeSpan _interval;
    private readonly double _volatility;
    private readonly decimal _startPrice;
    private readonly int _decimals;
    private readonly DateTimeOffset? _startTime;
    private readonly long? _ticksPerSymbol;
    private readonly TickPacing _pacing;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    // Fast: the time of the last tick handed out. Paced: the time of a step whose ticks are still being handed out.
    private long _watermarkTicks = NoTime;
    private int _started;

    /// <summary>Creates a simulated market.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for pacing and for a missing start time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where start and end are logged; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">No symbols, or a symbol is empty or repeated.</exception>
    public SimulatedMarketSource(
        SimulatedMarketOptions options,
        TimeProvider? timeProvider = null,
        ILogger<SimulatedMarketSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Symbols, nameof(options));
        _symbols = [.. options.Symbols];
        if (_symbols.Length == 0)
        {
            throw new ArgumentException("At least one symbol is required.", nameof(options));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in _symbols)
        {
            if (string.IsNullOrWhiteSpace(symbol))
            {
                throw new ArgumentException("Symbols must not be empty.", nameof(options));
            }

            if (!seen.Add(symbol))
            {
                throw new ArgumentException($"The symbol '{symbol}' is listed twice.", nameof(options));
            }
        }

        _symbolList = string.Join(",", _symbols);
        _seed = unchecked((ulong)options.Seed);
        _interval = options.TickInterval;
        _volatility = options.Volatility;
        _startPrice = options.StartPrice;
        _decimals = options.Decimals;
        _startTime = options.StartTime;
        _ticksPerSymbol = options.TicksPerSymbol;
        _pacing = options.Pacing;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Always <see cref="TickSources.Simulated"/>.</summary>
    public string Name => TickSources.Simulated;

    /// <inheritdoc/>
    public TickSourceStatistics Statistics { get; } = new();

    /// <summary>The simulated symbols, in emission order.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The source has already been read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A SimulatedMarketSource is read once; create a new source for another run.");
        }

        return _pacing == TickPacing.Paced ? ReadPacedAsync(cancellationToken) : ReadFastAsync(cancellationToken);
    }

    /// <summary>
    /// Paced: <paramref name="now"/>, or the time of a step whose ticks are still being handed out. As fast as
    /// possible: the time of the last tick handed out, or <c>null</c> before the first.
    /// </summary>
    /// <param name="now">The pipeline clock.</param>
    /// <returns>The watermark.</returns>
    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        var ticks = Volatile.Read(ref _watermarkTicks);
        if (_pacing == TickPacing.Paced)
        {
            return ticks != NoTime && ticks < now.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : now;
        }

        return ticks == NoTime ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private RandomWalk[] CreateWalks()
    {
        var walks = new RandomWalk[_symbols.Length];
        for (var i = 0; i < walks.Length; i++)
        {
            walks[i] = new RandomWalk(_seed, i, _startPrice, _volatility, _interval, _decimals);
        }

        Log.Started(_logger, _pacing, _symbolList, unchecked((long)_seed), _interval, _volatility);
        return walks;
    }

    private async IAsyncEnumerable<Tick> ReadFastAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var walks = CreateWalks();
        var time = (_startTime ?? _timeProvider.GetUtcNow()).UtcTicks;
        var step = _interval.Ticks;
        long steps = 0;
        while (_ticksPerSymbol is not { } limit || steps < limit)
        {
            var stamp = new DateTimeOffset(time, TimeSpan.Zero);
            for (var i = 0; i < walks.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tick = new Tick(_symbols[i], stamp, walks[i].Next(), 0m, TickSources.Simulated);
                Volatile.Write(ref _watermarkTicks, time);
                Statistics.RecordAccepted();
                yield return tick;
            }

            steps++;
            if (time > DateTimeOffset.MaxValue.UtcTicks - step)
            {
                break; // the calendar ends before the limit
            }

            time += step;
        }

        Log.Finished(_logger, Statistics.Accepted);
    }

    private async IAsyncEnumerable<Tick> ReadPacedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var walks = CreateWalks();
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        long steps = 0;
        while (_ticksPerSymbol is not { } limit || steps < limit)
        {
            // The first step is immediate; PeriodicTimer keeps one pending period, so missed steps are dropped.
            if (steps > 0 && !await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var time = _timeProvider.GetUtcNow().UtcTicks;
            var stamp = new DateTimeOffset(time, TimeSpan.Zero);
            Volatile.Write(ref _watermarkTicks, time);
            for (var i = 0; i < walks.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tick = new Tick(_symbols[i], stamp, walks[i].Next(), 0m, TickSources.Simulated);
                Statistics.RecordAccepted();
                yield return tick;
            }

            Volatile.Write(ref _watermarkTicks, NoTime);
            steps++;
        }

        Log.Finished(_logger, Statistics.Accepted);
    }
}
