using System.Runtime.CompilerServices;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Distributed.Tests.Testing;

/// <summary>Yields a fixed list of ticks in order, without a watermark (so candles close on ticks only).</summary>
public sealed class ListTickSource(IReadOnlyList<Tick> ticks) : ITickSource
{
    public string Name => "list";

    public TickSourceStatistics Statistics { get; } = new();

    public DateTimeOffset? GetWatermark(DateTimeOffset now) => null;

    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var tick in ticks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return tick;
        }

        await Task.CompletedTask;
    }
}
