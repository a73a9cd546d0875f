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
    private readonly ReadAhead<Batch> _ahead;

    /// <param name="file">The file; read only by this object's thread from now on.</param>
    /// <param name="batchSize">Ticks per batch.</param>
    /// <param name="depth">Batches in flight, at least 2.</param>
    public TickReadAhead(TickFile file, int batchSize, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 2);
        var batches = new Batch[depth];
        for (var i = 0; i < depth; i++)
        {
            batches[i] = new Batch(new Tick[batchSize]);
        }

        _ahead = new ReadAhead<Batch>(batches, batch => batch.Count = file.ReadBatch(batch.Ticks), "tick file reader");
    }

    /// <summary>The next batch of ticks, in file order; empty at the end of the file.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The ticks, valid until the next call.</returns>
    public ReadOnlySpan<Tick> Next(CancellationToken cancellationToken) => NextBatch(cancellationToken).Span;

    /// <summary>The next batch of ticks, in file order, as memory (see <see cref="Next"/>).</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The ticks, valid until the next call.</returns>
    public ReadOnlyMemory<Tick> NextBatch(CancellationToken cancellationToken)
    {
        if (_ahead.Next(cancellationToken) is not { } batch)
        {
            return ReadOnlyMemory<Tick>.Empty;
        }

        batch.Error?.Throw();
        return batch.Ticks.AsMemory(0, batch.Count);
    }

    /// <summary>Stops the reader (if it has not finished) and waits for its thread.</summary>
    public void Dispose() => _ahead.Dispose();

    private sealed class Batch(Tick[] ticks) : ReadAheadBatch
    {
        public Tick[] Ticks { get; } = ticks;
    }
}
