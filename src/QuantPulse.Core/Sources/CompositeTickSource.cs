using System.Runtime.CompilerServices;
using System.Threading.Channels;
using QuantPulse.Model;

namespace QuantPulse.Sources;

/// <summary>Reads several sources at once and yields their ticks as one stream, in arrival order.</summary>
/// <remarks>
/// <para>
/// Each inner source is read on its own task into a shared bounded buffer, so a fast source cannot starve a slow
/// one and the merged stream applies back-pressure to all of them. The merged watermark is the earliest of the
/// inner watermarks: a bucket closes on the clock only when every feed has delivered its ticks for it. A source
/// that cannot promise anything (null) holds the others back once it has yielded a tick; before its first tick it
/// is left out, so a live feed that cannot connect does not stop the clock for the others (its symbols are new to
/// the candle stage when it finally delivers, and a symbol's first buckets are never closed by earlier heartbeats). When one source fails, the others are stopped and the failure ends the
/// merged stream. The stream ends when every source has ended.
/// </para>
/// <para>Its own <see cref="Statistics"/> count the merged ticks; each inner source keeps its own counters.</para>
/// </remarks>
public sealed class CompositeTickSource : ITickSource
{
    private readonly ITickSource[] _sources;
    private readonly int _bufferSize;
    private readonly int[] _yielded;
    private int _started;

    /// <summary>Creates the composite.</summary>
    /// <param name="sources">The sources (at least one).</param>
    /// <param name="bufferSize">How many ticks may wait between the sources and the reader.</param>
    /// <exception cref="ArgumentException">No sources.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is less than 1.</exception>
    public CompositeTickSource(IEnumerable<ITickSource> sources, int bufferSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _sources = [.. sources];
        if (_sources.Length == 0)
        {
            throw new ArgumentException("At least one source is required.", nameof(sources));
        }

        _bufferSize = bufferSize;
        _yielded = new int[_sources.Length];
        Name = string.Join("+", _sources.Select(s => s.Name));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The inner sources.</summary>
    public IReadOnlyList<ITickSource> Sources => _sources;

    /// <inheritdoc/>
    public TickSourceStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The composite has already been read.</exception>
    public IAsyncEnumerable<Tick> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A CompositeTickSource is read once.");
        }

        return _sources.Length == 1 ? PassThroughAsync(_sources[0], cancellationToken) : MergeAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        DateTimeOffset? earliest = null;
        for (var i = 0; i < _sources.Length; i++)
        {
            var watermark = _sources[i].GetWatermark(now);
            if (watermark is null)
            {
                if (Volatile.Read(ref _yielded[i]) == 0)
                {
                    continue;
                }

                return null;
            }

            if (earliest is null || watermark < earliest)
            {
                earliest = watermark;
            }
        }

        return earliest;
    }

    private async IAsyncEnumerable<Tick> PassThroughAsync(ITickSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var tick in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Volatile.Write(ref _yielded[0], 1);
            Statistics.RecordAccepted();
            yield return tick;
        }
    }

    private async IAsyncEnumerable<Tick> MergeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Tick>(new BoundedChannelOptions(_bufferSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var remaining = _sources.Length;
        var readers = new Task[_sources.Length];
        for (var i = 0; i < _sources.Length; i++)
        {
            var index = i;
            readers[i] = Task.Run(
                async () =>
                {
                    try
                    {
                        await ReadOneAsync(index, channel.Writer, stop.Token).ConfigureAwait(false);
                        if (Interlocked.Decrement(ref remaining) == 0)
                        {
                            channel.Writer.TryComplete();
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        channel.Writer.TryComplete();
                    }
#pragma warning disable CA1031 // The failure ends the merged stream through the channel and stops the other sources.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        channel.Writer.TryComplete(ex);
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                },
                CancellationToken.None);
        }

        try
        {
            await foreach (var tick in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Statistics.RecordAccepted();
                yield return tick;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(readers).ConfigureAwait(false);
        }
    }

    private async Task ReadOneAsync(int index, ChannelWriter<Tick> writer, CancellationToken cancellationToken)
    {
        await foreach (var tick in _sources[index].ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(tick, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _yielded[index], 1);
        }
    }
}
