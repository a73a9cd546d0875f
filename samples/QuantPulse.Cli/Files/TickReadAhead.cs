using System.Runtime.ExceptionServices;
using QuantPulse.Model;

namespace QuantPulse.Cli.Files;

/// <summary>
/// Reads a <see cref="TickFile"/> on a thread of its own, a few batches ahead of the caller: reading and parsing the
/// file run on one core while the caller builds candles from the previous batch on another.
/// </summary>
/// <remarks>
/// Batches come back in file order, each valid until the next call of <see cref="Next"/>. The ticks in flight are
/// bounded (<c>depth</c> batches), so memory stays flat however long the file. An exception of the reader (a bad
/// header, an I/O error) is rethrown by <see cref="Next"/> as it was thrown. The file's statistics and rejections
/// are complete once <see cref="Next"/> has returned an empty batch. Not thread-safe: one caller.
/// </remarks>
internal sealed class TickReadAhead : IDisposable
{
    private readonly TickFile _file;
    private readonly Batch[] _batches;
    private readonly SemaphoreSlim _free;
    private readonly SemaphoreSlim _filled = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private int _next;
    private bool _holding;
    private bool _ended;

    /// <param name="file">The file; read only by this object's thread from now on.</param>
    /// <param name="batchSize">Ticks per batch.</param>
    /// <param name="depth">Batches in flight, at least 2.</param>
    public TickReadAhead(TickFile file, int batchSize, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 2);
        _file = file;
        _batches = new Batch[depth];
        for (var i = 0; i < depth; i++)
        {
            _batches[i] = new Batch(new Tick[batchSize]);
        }

        _free = new SemaphoreSlim(depth);
        _reader = new Thread(Read) { IsBackground = true, Name = "tick file reader" };
        _reader.Start();
    }

    /// <summary>The next batch of ticks, in file order; empty at the end of the file.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The ticks, valid until the next call.</returns>
    public ReadOnlySpan<Tick> Next(CancellationToken cancellationToken)
    {
        if (_holding)
        {
            _holding = false;
            _free.Release();
        }

        if (_ended)
        {
            return [];
        }

        _filled.Wait(cancellationToken);
        var batch = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        _holding = true;
        batch.Error?.Throw();
        _ended = batch.Count == 0;
        return batch.Ticks.AsSpan(0, batch.Count);
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
                try
                {
                    batch.Count = _file.ReadBatch(batch.Ticks);
                }
#pragma warning disable CA1031 // Not swallowed: handed to the caller, which rethrows it from Next.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    batch.Count = 0;
                    batch.Error = ExceptionDispatchInfo.Capture(exception);
                }

                _filled.Release();
                if (batch.Count == 0)
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

    private sealed class Batch(Tick[] ticks)
    {
        public Tick[] Ticks { get; } = ticks;

        public int Count { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }
    }
}
