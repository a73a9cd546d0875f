using System.Threading.Tasks.Dataflow;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Pipeline.Internal;

/// <summary>
/// Moves ticks from an <see cref="ITickSource"/> into a target block as <see cref="TickBatch"/>es and keeps the
/// clock moving with in-band heartbeats.
/// </summary>
/// <remarks>
/// <para>
/// Ticks are packed into batches of at most <see cref="TickSourcePumpOptions.MaxBatchSize"/>. Whenever the source
/// would block (its <c>MoveNextAsync</c> does not complete synchronously) the partial batch is sent at once, so
/// a live feed is not delayed by batching, while a replay from memory fills whole batches.
/// </para>
/// <para>
/// Heartbeats: once every <see cref="TickSourcePumpOptions.HeartbeatInterval"/> the pump computes
/// <c>min(now - CloseDelay, source.GetWatermark(now))</c> and, if the source returned a watermark and the
/// instant moved forward, sends it after the ticks read so far: alone while the source is idle, or attached to
/// the next batch while it is busy. The source's last watermark is also sent when it ends.
/// </para>
/// <para>
/// Batches are handed over with <c>SendAsync</c>, so a full target slows the pump down and nothing is dropped.
/// When the source ends the target is completed; when the source (or its watermark) throws, or the target
/// declines a batch, the target is faulted and <see cref="RunAsync"/> rethrows; on cancellation the target is
/// completed (it drains what it holds) and <see cref="RunAsync"/> ends canceled.
/// </para>
/// </remarks>
internal sealed class TickSourcePump
{
    private readonly ITickSource _source;
    private readonly ITargetBlock<TickBatch> _target;
    private readonly TickSourcePumpOptions _options;
    private readonly TimeProvider _time;
    private Tick[] _buffer;
    private int _count;
    private int _started;
    private DateTimeOffset _lastHeartbeatCheck;
    private DateTimeOffset? _lastHeartbeat;

    /// <summary>Creates a pump.</summary>
    /// <param name="source">The tick source.</param>
    /// <param name="target">The block that receives the batches, normally a <c>CandleBlock</c>.</param>
    /// <param name="options">The settings; <c>null</c> uses the defaults.</param>
    public TickSourcePump(ITickSource source, ITargetBlock<TickBatch> target, TickSourcePumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        _source = source;
        _target = target;
        _options = options ?? new TickSourcePumpOptions();
        _time = _options.TimeProvider;
        _buffer = new Tick[_options.MaxBatchSize];
    }

    /// <summary>Reads the source to its end.</summary>
    /// <param name="cancellationToken">Stops reading; the target is then completed.</param>
    /// <returns>A task that ends when the source ends, faults with the source's exception, or is canceled.</returns>
    /// <exception cref="InvalidOperationException">The pump was already started.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A TickSourcePump runs only once.");
        }

        try
        {
            await PumpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _target.Complete();
            throw;
        }
        catch (Exception exception)
        {
            _target.Fault(exception);
            throw;
        }

        _target.Complete();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        // The source reads with its own token, so that a pump leaving early can stop a read still in progress.
        using var sourceStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ticks = _source.ReadAsync(sourceStop.Token).GetAsyncEnumerator(sourceStop.Token);
        Task<bool>? pending = null;
        try
        {
            _lastHeartbeatCheck = _time.GetUtcNow();
            while (true)
            {
                var move = ticks.MoveNextAsync();
                bool more;
                if (move.IsCompleted)
                {
                    more = move.Result;
                }
                else
                {
                    // The source would block: hand on what we have before waiting.
                    pending = move.AsTask();
                    await FlushAsync(final: false, cancellationToken).ConfigureAwait(false);
                    more = await WaitForSourceAsync(pending, cancellationToken).ConfigureAwait(false);
                    pending = null;
                }

                if (!more)
                {
                    break;
                }

                _buffer[_count++] = ticks.Current;
                if (_count == _buffer.Length)
                {
                    await FlushAsync(final: false, cancellationToken).ConfigureAwait(false);
                }
            }

            await FlushAsync(final: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (pending is not null)
            {
                // Left while the source was still reading (cancelled while sending, or the target failed): an
                // enumerator cannot be disposed mid-read, so stop the read and let it end first. What it ends with
                // does not matter any more; the pump's own exception is the one that propagates.
                await sourceStop.CancelAsync().ConfigureAwait(false);
                await pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            }

            await ticks.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Waits for the source's next tick, sending heartbeat-only batches while it is idle.
    private async Task<bool> WaitForSourceAsync(Task<bool> pending, CancellationToken cancellationToken)
    {
        while (!pending.IsCompleted)
        {
            var now = _time.GetUtcNow();
            var due = _lastHeartbeatCheck + _options.HeartbeatInterval;
            if (now >= due)
            {
                await FlushAsync(final: false, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(due - now, _time, stopDelay.Token);
            if (await Task.WhenAny(pending, delay).ConfigureAwait(false) == pending)
            {
                await stopDelay.CancelAsync().ConfigureAwait(false);
                break;
            }

            if (delay.IsCanceled)
            {
                // Cancelled: the source honours the same token and ends the enumeration, which is awaited below.
                break;
            }
        }

        return await pending.ConfigureAwait(false);
    }

    // Sends the ticks read so far, with a heartbeat when one is due (or at the end of the source).
    private async Task FlushAsync(bool final, CancellationToken cancellationToken)
    {
        DateTimeOffset? heartbeat = null;
        var now = _time.GetUtcNow();
        if (final || now >= _lastHeartbeatCheck + _options.HeartbeatInterval)
        {
            _lastHeartbeatCheck = now;
            heartbeat = NextHeartbeat(now);
        }

        var endOfStream = final && _options.CloseCandlesAtEnd;
        if (_count == 0 && heartbeat is null && !endOfStream)
        {
            return;
        }

        ReadOnlyMemory<Tick> ticks;
        if (_count == _buffer.Length)
        {
            ticks = _buffer;
            _buffer = new Tick[_buffer.Length];
        }
        else if (_count > 0)
        {
            // A partial batch gets an array of its own size; the large buffer is kept for the next batch.
            ticks = _buffer.AsSpan(0, _count).ToArray();
            Array.Clear(_buffer, 0, _count);
        }
        else
        {
            ticks = ReadOnlyMemory<Tick>.Empty;
        }

        _count = 0;
        if (!await _target.SendAsync(new TickBatch(ticks, heartbeat, endOfStream), cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                "The target declined a tick batch: it was completed or faulted while the source was still running.",
                _target.Completion.Exception?.GetBaseException());
        }
    }

    private DateTimeOffset? NextHeartbeat(DateTimeOffset now)
    {
        if (_source.GetWatermark(now) is not { } watermark)
        {
            return null;
        }

        var instant = now - _options.CloseDelay;
        if (watermark < instant)
        {
            instant = watermark;
        }

        // A heartbeat that does not move the clock forward tells the candle stage nothing.
        if (_lastHeartbeat is { } last && instant <= last)
        {
            return null;
        }

        _lastHeartbeat = instant;
        return instant;
    }
}
