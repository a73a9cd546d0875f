using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QuantPulse.Sources.Csv;
using QuantPulse.Sources.Live;

namespace QuantPulse.Sources;

/// <summary>
/// Writes every tick a source yields, once and in order, in the replay format <c>time,symbol,price,size</c>, so a live
/// session can be replayed later and reproduce the same candles.
/// </summary>
/// <remarks>
/// <para>
/// The lines are written by <see cref="CsvTickWriter"/>, the one writer of the replay format, so a recording reads
/// back with <see cref="CsvTickSource"/> as exactly the ticks the source yielded.
/// </para>
/// <para>
/// The recorder reads the source until the source ends, the duration elapses or the caller cancels; in every case it
/// flushes what it wrote and returns normally. While it runs, everything written is flushed whenever the source has
/// no tick ready (so a quiet feed never leaves ticks sitting in a buffer), and at least once per
/// <see cref="FlushInterval"/> while ticks keep arriving, so little is lost if the process dies. It does not own the
/// writer. A source failure (a live source that gave up, for example) is flushed and then rethrown.
/// </para>
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
        var writer = new CsvTickWriter(_output, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var unflushed = false;
            var ticks = _source.ReadAsync(stop.Token).ConfigureAwait(false).GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    var next = ticks.MoveNextAsync();
                    if (unflushed && !next.GetAwaiter().IsCompleted)
                    {
                        // The source has nothing ready: a good moment to hand what was written to the file.
                        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                        unflushed = false;
                        nextFlush = _time.GetUtcNow() + FlushInterval;
                    }

                    if (!await next)
                    {
                        break;
                    }

                    var tick = ticks.Current;
                    writer.Write(tick);
                    written++;
                    first ??= tick.Time;
                    last = tick.Time;
                    unflushed = true;
                    if (_time.GetUtcNow() >= nextFlush)
                    {
                        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                        unflushed = false;
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
                await ticks.DisposeAsync();
            }
        }

        LiveSourceLog.RecordingStopped(_logger, _source.Name, written, reason);
        return new TickRecordingResult(written, reason, first, last);
    }
}
