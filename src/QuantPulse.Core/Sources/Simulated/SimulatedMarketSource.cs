using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Model;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources.Simulated;

/// <summary>
/// The built-in simulated market: seeded, deterministic random walks in the style of Deriv's volatility indices
/// (a geometric Brownian motion with a constant annualised volatility). Every tick carries
/// <see cref="TickSources.Simulated"/> as its source: these prices are never real.
/// </summary>
/// <remarks>
/// <para>
/// Each symbol has its own random stream derived from <see cref="SimulatedSourceOptions.Seed"/> and the
/// symbol's position in <see cref="SimulatedSourceOptions.Symbols"/>, so the same seed and settings give the same
/// prices, bit for bit, on every machine and runtime; adding a symbol at the end does not change the others. The
/// sequence of prices does not depend on the pacing: only the timestamps do.
/// </para>
/// <para>
/// At each step every symbol produces one tick, in the order of <see cref="SimulatedSourceOptions.Symbols"/>.
/// With <see cref="TickPacing.AsFastAsPossible"/> the first step is at <see cref="SimulatedSourceOptions.StartTime"/>
/// and each further step one <see cref="SimulatedSourceOptions.TickInterval"/> later. With
/// <see cref="TickPacing.Paced"/> the first step happens at once and the next ones on a periodic timer of the
/// injected <see cref="TimeProvider"/>, and ticks carry the clock reading; steps the clock skipped (a suspended
/// process) are dropped, not caught up in a burst. Ticks carry no size, bid or ask.
/// </para>
/// <para>
/// When paced, the market can first generate its recent <see cref="SimulatedSourceOptions.History"/> and
/// continue each symbol from where an earlier run left off (<see cref="SimulatedSourceOptions.ResumeFrom"/>).
/// <see cref="Status"/> is <see cref="ConnectionState.Backfilling"/> while history is handed out and
/// <see cref="ConnectionState.Live"/> afterwards; history ticks are simulated ticks like the others.
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
    private readonly TimeSpan _history;
    private readonly Func<CancellationToken, ValueTask<IReadOnlyList<Tick>>>? _resumeFrom;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly StatusPublisher _status;

    // Fast: the time of the last tick handed out. Paced: the time of a step whose ticks are still being handed out.
    private long _watermarkTicks = NoTime;
    private int _started;

    /// <summary>Creates a simulated market.</summary>
    /// <param name="options">The settings; copied, so later changes have no effect.</param>
    /// <param name="timeProvider">The clock for pacing and for a missing start time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where start and end are logged; nothing is logged when null.</param>
    /// <exception cref="ArgumentException">No symbols, or a symbol is empty or repeated.</exception>
    public SimulatedMarketSource(
        SimulatedSourceOptions options,
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
        _history = options.History;
        _resumeFrom = options.ResumeFrom;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _status = new StatusPublisher(
            new ConnectionStatus(ConnectionState.Idle, 0, _timeProvider.GetUtcNow()),
            ex => Log.StatusObserverFailed(_logger, ex));
    }

    /// <summary>Always <see cref="TickSources.Simulated"/>.</summary>
    public string Name => TickSources.Simulated;

    /// <inheritdoc/>
    public TickSourceStatistics Statistics { get; } = new();

    /// <summary>The simulated symbols, in emission order.</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>
    /// <see cref="ConnectionState.Idle"/> before reading, <see cref="ConnectionState.Backfilling"/> while history
    /// is handed out, <see cref="ConnectionState.Live"/> afterwards and <see cref="ConnectionState.Stopped"/> once
    /// reading has ended. Safe to read from any thread.
    /// </summary>
    public ConnectionStatus Status => _status.Current;

    /// <summary>Every status change, starting with the current status (observers must return quickly).</summary>
    public IObservable<ConnectionStatus> StatusChanges => _status;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The source has already been read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A SimulatedMarketSource is read once; create a new source for another run.");
        }

        return ReadWithStatusAsync(
            _pacing == TickPacing.Paced ? ReadPacedAsync(cancellationToken) : ReadFastAsync(cancellationToken),
            cancellationToken);
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

    private async ValueTask<(RandomWalk[] Walks, long[] ResumedAt)> CreateWalksAsync(CancellationToken cancellationToken)
    {
        var resumed = new Tick?[_symbols.Length];
        if (_resumeFrom is not null)
        {
            foreach (var tick in await _resumeFrom(cancellationToken).ConfigureAwait(false))
            {
                var i = Array.IndexOf(_symbols, tick.Symbol);
                if (i >= 0 && tick.Price > 0m && (resumed[i] is not { } seen || tick.Time > seen.Time))
                {
                    resumed[i] = tick;
                }
            }
        }

        var walks = new RandomWalk[_symbols.Length];
        var resumedAt = new long[_symbols.Length];
        for (var i = 0; i < walks.Length; i++)
        {
            if (resumed[i] is { } last)
            {
                // A stream of its own per resume point: a restart must not replay the first run's moves.
                var seed = _seed ^ unchecked((ulong)last.Time.UtcTicks);
                walks[i] = new RandomWalk(seed, i, last.Price, _volatility, _interval, _decimals);
                walks[i].Next(); // the resumed price itself was already handed out by the earlier run
                resumedAt[i] = last.Time.UtcTicks;
                Log.Resumed(_logger, _symbols[i], last.Price, last.Time);
            }
            else
            {
                walks[i] = new RandomWalk(_seed, i, _startPrice, _volatility, _interval, _decimals);
                resumedAt[i] = NoTime;
            }
        }

        Log.Started(_logger, _pacing, _symbolList, unchecked((long)_seed), _interval, _volatility);
        return (walks, resumedAt);
    }

    private void SetState(ConnectionState state) =>
        _status.Publish(new ConnectionStatus(state, 0, _timeProvider.GetUtcNow()));

    private async IAsyncEnumerable<Tick> ReadWithStatusAsync(
        IAsyncEnumerable<Tick> ticks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var tick in ticks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return tick;
            }
        }
        finally
        {
            SetState(ConnectionState.Stopped);
        }
    }

    private async IAsyncEnumerable<Tick> ReadFastAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (walks, _) = await CreateWalksAsync(cancellationToken).ConfigureAwait(false);
        SetState(ConnectionState.Live);
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
        var (walks, resumedAt) = await CreateWalksAsync(cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var step = _interval.Ticks;
        var earliest = Math.Max(now - _history.Ticks, DateTimeOffset.UnixEpoch.UtcTicks + 1);
        var first = HistorySteps(now, earliest, resumedAt);
        if (first > 0)
        {
            SetState(ConnectionState.Backfilling);
            Log.Backfilling(_logger, _symbolList, new DateTimeOffset(now - (first * step), TimeSpan.Zero), first);
            for (var k = first; k >= 1; k--)
            {
                // The grid now − k·interval leads into the first live step at now.
                var time = now - (k * step);
                var stamp = new DateTimeOffset(time, TimeSpan.Zero);
                Volatile.Write(ref _watermarkTicks, time);
                for (var i = 0; i < walks.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (time < earliest || time <= resumedAt[i])
                    {
                        continue;
                    }

                    var tick = new Tick(_symbols[i], stamp, walks[i].Next(), 0m, TickSources.Simulated);
                    Statistics.RecordAccepted();
                    yield return tick;
                }
            }

            Volatile.Write(ref _watermarkTicks, NoTime);
        }

        SetState(ConnectionState.Live);
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        long steps = 0;
        while (_ticksPerSymbol is not { } limit || steps < limit)
        {
            // The first step is immediate; PeriodicTimer keeps one pending period, so missed steps are dropped.
            if (steps > 0 && !await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            var time = steps == 0 ? now : _timeProvider.GetUtcNow().UtcTicks;
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

    /// <summary>How many grid steps before <paramref name="now"/> the history goes back: the oldest step any symbol needs.</summary>
    private long HistorySteps(long now, long earliest, long[] resumedAt)
    {
        var step = _interval.Ticks;
        long first = 0;
        foreach (var resumed in resumedAt)
        {
            // Steps strictly after the resumed tick and not before the earliest history instant.
            var from = Math.Max(earliest, resumed == NoTime ? earliest : resumed + 1);
            if (from < now)
            {
                first = Math.Max(first, (now - from) / step);
            }
        }

        return first;
    }
}
