using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources;

/// <summary>
/// Writes every tick a source yields, once and in order, in the replay format <c>time,symbol,price,size</c>, so a live
/// session can be replayed later and reproduce the same candles.
/// </summary>
/// <remarks>
/// The recorder reads the source until the source ends, the duration elapses or the caller cancels; in every case it
/// flushes what it wrote and returns normally. It also flushes at least once per <see cref="FlushInterval"/> while
/// ticks arrive, so little is lost if the process dies. It does not own the writer. A source failure (a live source
/// that gave up, for example) is flushed and then rethrown.
/// </remarks>
public sealed class TickRecorder
{
    private readonly ITickSource _source;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a recorder.</summary>
    /// <param name="source">Where the ticks come from.</param>
    /// <param name="output">Where to write them (not disposed by the recorder).</param>
    /// <param name="timeProvider">The clock for the duration and periodic flushes; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="output"/> is null.</exception>
    public TickRecorder(ITickSource source, TextWriter output, TimeProvider? timeProvider = null, ILogger<TickRecorder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        _source = source;
        _output = output;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The longest time written ticks may sit in the writer's buffer while ticks keep arriving (1 second).</summary>
    public static TimeSpan FlushInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Records until the source ends, <paramref name="duration"/> elapses or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="duration">How long to record; null for as long as the source runs.</param>
    /// <param name="cancellationToken">Stops the recording (it still completes normally, with what was written).</param>
    /// <returns>What was written and why the recording stopped.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public async Task<TickRecordingResult> RecordAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(d, TimeSpan.Zero, nameof(duration));
        }

        using var timer = duration is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        long written = 0;
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        var reason = TickRecordingStopReason.SourceCompleted;
        var nextFlush = _time.GetUtcNow() + FlushInterval;

        LiveSourceLog.RecordingStarted(_logger, _source.Name);
        ReplayFormat.WriteHeader(_output);
        try
        {
            await foreach (var tick in _source.ReadAsync(stop.Token).ConfigureAwait(false))
            {
                ReplayFormat.WriteTick(_output, tick);
                written++;
                first ??= tick.Time;
                last = tick.Time;
                if (_time.GetUtcNow() >= nextFlush)
                {
                    await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    nextFlush = _time.GetUtcNow() + FlushInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            reason = cancellationToken.IsCancellationRequested ? TickRecordingStopReason.Cancelled : TickRecordingStopReason.DurationElapsed;
        }
        finally
        {
            await _output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        LiveSourceLog.RecordingStopped(_logger, _source.Name, written, reason);
        return new TickRecordingResult(written, reason, first, last);
    }
}
