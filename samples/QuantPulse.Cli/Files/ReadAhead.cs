using System.Runtime.ExceptionServices;

namespace QuantPulse.Cli.Files;

/// <summary>A batch filled by <see cref="ReadAhead{TBatch}"/>: how many items it holds and the reader's exception, if any.</summary>
internal abstract class ReadAheadBatch
{
    /// <summary>How many items the batch holds; 0 at the end of the input.</summary>
    public int Count { get; set; }

    /// <summary>What the reader threw after the batch's items, rethrown by the caller with <see cref="ExceptionDispatchInfo.Throw()"/>.</summary>
    public ExceptionDispatchInfo? Error { get; set; }
}

/// <summary>
/// Fills batches on a thread of its own, a few ahead of the caller: reading and parsing a file run on one core while
/// the caller works on the previous batch on another.
/// </summary>
/// <remarks>
/// Batches come back in file order, each valid until the next call of <see cref="Next"/>. At most <c>depth</c>
/// batches are in flight, so memory stays flat however long the file. The reader stops after a batch that is empty
/// or carries an <see cref="ReadAheadBatch.Error"/> (with the items read before it). Not thread-safe: one caller.
/// </remarks>
/// <typeparam name="TBatch">The batch type.</typeparam>
internal sealed class ReadAhead<TBatch> : IDisposable
    where TBatch : ReadAheadBatch
{
    private readonly TBatch[] _batches;
    private readonly Action<TBatch> _fill;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _filled = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private int _next;
    private bool _holding;
    private bool _ended;

    /// <param name="batches">The batches to fill in turn, at least 2.</param>
    /// <param name="fill">Fills a batch (its <see cref="ReadAheadBatch.Count"/> set to 0 first); called only on the reader's thread.</param>
    /// <param name="name">The reader thread's name.</param>
    public ReadAhead(TBatch[] batches, Action<TBatch> fill, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batches.Length, 2);
        _batches = batches;
        _fill = fill;
        _free = new SemaphoreSlim(batches.Length);
        _reader = new Thread(Read) { IsBackground = true, Name = name };
        _reader.Start();
    }

    /// <summary>The next batch, in file order; null after the last one (an empty batch or one with an error).</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The batch, valid until the next call.</returns>
    public TBatch? Next(CancellationToken cancellationToken)
    {
        if (_holding)
        {
            _holding = false;
            _free.Release();
        }

        if (_ended)
        {
            return null;
        }

        _filled.Wait(cancellationToken);
        var batch = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        _holding = true;
        _ended = batch.Count == 0 || batch.Error is not null;
        return batch;
    }

    /// <summary>Stops the reader (if it has not finished) and waits for its thread.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        _stop.Dispose();
        _free.Dispose();
        _filled.Dispose();
    }

    private void Read()
    {
        var index = 0;
        try
        {
            while (true)
            {
                _free.Wait(_stop.Token);
                var batch = _batches[index];
                index = (index + 1) % _batches.Length;
                batch.Count = 0;
                batch.Error = null;
                try
                {
                    _fill(batch);
                }
#pragma warning disable CA1031 // Not swallowed: handed to the caller, which rethrows it.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    batch.Error = ExceptionDispatchInfo.Capture(exception);
                }

                _filled.Release();
                if (batch.Count == 0 || batch.Error is not null)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the file: the caller has stopped reading.
        }
    }
}
