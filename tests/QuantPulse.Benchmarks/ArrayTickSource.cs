using System.Runtime.CompilerServices;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Benchmarks;

/// <summary>Yields pre-built ticks synchronously, so a benchmark measures the pipeline and not a feed.</summary>
internal sealed class ArrayTickSource(Tick[] ticks) : ITickSource
{
    private long _last = long.MinValue;

    public string Name => "memory";

    public TickSourceStatistics Statistics { get; } = new();

    public DateTimeOffset? GetWatermark(DateTimeOffset now)
    {
        var last = Volatile.Read(ref _last);
        return last == long.MinValue ? null : new DateTimeOffset(last, TimeSpan.Zero);
    }

#pragma warning disable CS1998 // Synchronous on purpose: every MoveNextAsync completes at once.
    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        foreach (var tick in ticks)
        {
            _last = tick.Time.UtcTicks;
            yield return tick;
        }
    }
}
