namespace QuantPulse.Internal.Batching;

/// <summary>
/// Batching, flush timing, retries and back-pressure for a writer, without Dataflow: inputs are queued as they are
/// accepted and written in chunks, one write at a time, in arrival order.
/// </summary>
/// <typeparam name="TInput">What the engine accepts.</typeparam>
/// <typeparam name="TChunk">What one write takes.</typeparam>
/// <remarks>
/// <para><b>Batching.</b> A write starts when <see cref="BatchEngineSettings.BatchSize"/> items wait (or the buffer
/// capacity, if lower), when the oldest has waited <see cref="BatchEngineSettings.FlushInterval"/>, or at once once
/// adding is complete.</para>
/// <para><b>Retries.</b> A failed write is retried with the same chunk after <see cref="BatchEngineSettings.RetryDelay"/>;
/// after <see cref="BatchEngineSettings.MaxRetryAttempts"/> retries <see cref="RunAsync"/> fails with the error.</para>
/// <para><b>Back-pressure.</b> While the items waiting or being written reach <see cref="BatchEngineSettings.BufferCapacity"/>,
/// <see cref="AcceptAsync"/> keeps its input but does not return until a write makes room.</para>
/// <para>Thread-safe: one producer calls <see cref="AcceptAsync"/> while <see cref="RunAsync"/> writes.</para>
/// </remarks>
internal sealed class BatchEngine<TInput, TChunk>
{
    private readonly IBatchBuffer<TInput, TChunk> _buffer;
    private readonly IBatchWriter<TChunk> _writer;
    private readonly IBatchEvents _events;
    private readonly BatchEngineSettings _settings;
    private readonly TimeProvider _time;
    private readonly int _flushThreshold;
    private readonly Lock _gate = new();
    private readonly HashSet<Type> _failureTypesSeen = [];
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource? _space;
    private int _inFlight;
    private bool _addingDone;
    private bool _backPressured;
    private long _writes;
    private long _retries;
    private int _consecutiveFailures;

    public BatchEngine(IBatchBuffer<TInput, TChunk> buffer, IBatchWriter<TChunk> writer, BatchEngineSettings settings, IBatchEvents events)
    {
        _buffer = buffer;
        _writer = writer;
        _settings = settings;
        _events = events;
        _time = settings.TimeProvider;
        _flushThreshold = Math.Min(settings.BatchSize, settings.BufferCapacity);
    }

    /// <summary>Successful writes.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Failed attempts that were retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Failed attempts of the current write (0 after a success).</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Items waiting or being written.</summary>
    public int Backlog
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Count + _inFlight;
            }
        }
    }

    /// <summary>Queues what <paramref name="input"/> contributes; while the backlog is at capacity, returns only once there is room.</summary>
    /// <param name="input">The input.</param>
    /// <param name="abort">Stops waiting for room (the input stays queued until <see cref="DropBacklog"/>).</param>
    /// <returns>A task that completes when the engine can take the next input.</returns>
    public async Task AcceptAsync(TInput input, CancellationToken abort)
    {
        Task? space;
        bool engaged;
        int backlog;
        lock (_gate)
        {
            var wasEmpty = _buffer.Count == 0;
            if (_buffer.Add(input, _time.GetTimestamp()) == 0)
            {
                return;
            }

            if (wasEmpty || _buffer.Count >= _flushThreshold)
            {
                _wake.TrySetResult();
            }

            backlog = _buffer.Count + _inFlight;
            engaged = backlog >= _settings.BufferCapacity && !_backPressured;
            _backPressured |= engaged;
            space = WaitForSpace();
        }

        if (engaged)
        {
            _events.BackPressure(backlog, _settings.BufferCapacity);
        }

        while (space is not null)
        {
            await space.WaitAsync(abort).ConfigureAwait(false);
            lock (_gate)
            {
                space = WaitForSpace();
            }
        }
    }

    /// <summary>No more inputs: <see cref="RunAsync"/> writes what waits and then returns.</summary>
    public void CompleteAdding()
    {
        lock (_gate)
        {
            _addingDone = true;
            _wake.TrySetResult();
        }
    }

    /// <summary>Writes chunks until adding is complete and everything is written.</summary>
    /// <param name="abort">Stops at once; what waits stays queued until <see cref="DropBacklog"/>.</param>
    /// <returns>A task that fails with the write error when the engine gives up, or is canceled by <paramref name="abort"/>.</returns>
    public async Task RunAsync(CancellationToken abort)
    {
        while (await NextChunkAsync(abort).ConfigureAwait(false) is { } next)
        {
            await WriteAsync(next.Chunk, next.Items, abort).ConfigureAwait(false);
        }
    }

    /// <summary>Drops what waits or was being written (the owner was aborted); returns how many items that was.</summary>
    public int DropBacklog()
    {
        lock (_gate)
        {
            var dropped = _buffer.Clear() + _inFlight;
            _inFlight = 0;
            return dropped;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Called under the lock: the task to wait for while the backlog is at capacity, or null when there is room.
    private Task? WaitForSpace()
    {
        if (_buffer.Count + _inFlight < _settings.BufferCapacity)
        {
            return null;
        }

        _space ??= NewSignal();
        return _space.Task;
    }

    private async Task<(TChunk Chunk, int Items)?> NextChunkAsync(CancellationToken abort)
    {
        while (true)
        {
            Task wake;
            TimeSpan wait;
            lock (_gate)
            {
                var count = _buffer.Count;
                if (count >= _flushThreshold || (_addingDone && count > 0))
                {
                    return TakeChunk();
                }

                if (count == 0)
                {
                    if (_addingDone)
                    {
                        return null;
                    }

                    wait = Timeout.InfiniteTimeSpan;
                }
                else
                {
                    var waited = _time.GetElapsedTime(_buffer.OldestTimestamp);
                    if (waited >= _settings.FlushInterval)
                    {
                        return TakeChunk();
                    }

                    wait = _settings.FlushInterval - waited;
                }

                _wake = NewSignal();
                wake = _wake.Task;
            }

            if (wait == Timeout.InfiniteTimeSpan)
            {
                await wake.WaitAsync(abort).ConfigureAwait(false);
                continue;
            }

            // The delay's timer is released as soon as either wins, so an idle engine holds no timer.
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(abort);
            var delay = Task.Delay(wait, _time, delayCancel.Token);
            await Task.WhenAny(wake, delay).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
            abort.ThrowIfCancellationRequested();
        }
    }

    // Called under the lock.
    private (TChunk Chunk, int Items) TakeChunk()
    {
        var taken = _buffer.Take(_settings.BatchSize);
        _inFlight = taken.Items;
        return taken;
    }

    private async Task WriteAsync(TChunk chunk, int items, CancellationToken abort)
    {
        var attempt = 1;
        while (true)
        {
            try
            {
                await _writer.WriteAsync(chunk, abort).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (!abort.IsCancellationRequested)
            {
                Volatile.Write(ref _consecutiveFailures, attempt);
                if (_settings.MaxRetryAttempts is { } max && attempt > max)
                {
                    _events.GaveUp(ex, FirstOfItsType(ex), attempt, Backlog);
                    throw;
                }

                var delay = _settings.RetryDelay(attempt);
                Interlocked.Increment(ref _retries);
                _events.WriteFailed(ex, FirstOfItsType(ex), items, attempt, delay, Backlog);
                await Task.Delay(delay, _time, abort).ConfigureAwait(false);
                attempt++;
            }
        }

        Volatile.Write(ref _consecutiveFailures, 0);
        Interlocked.Increment(ref _writes);
        TaskCompletionSource? space;
        bool released;
        int backlog;
        lock (_gate)
        {
            _inFlight = 0;
            space = _space;
            _space = null;
            backlog = _buffer.Count;
            released = _backPressured && backlog < _settings.BufferCapacity;
            _backPressured &= !released;
        }

        space?.TrySetResult();
        if (attempt > 1)
        {
            _events.WriteRecovered(attempt, backlog);
        }

        if (released)
        {
            _events.BackPressureReleased(backlog);
        }
    }

    private bool FirstOfItsType(Exception exception)
    {
        lock (_failureTypesSeen)
        {
            return _failureTypesSeen.Add(exception.GetType());
        }
    }
}
