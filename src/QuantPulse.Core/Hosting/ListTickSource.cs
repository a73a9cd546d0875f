using System.Runtime.CompilerServices;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Hosting;

/// <summary>Replays ticks held in memory, in list order, reporting how far it got.</summary>
internal sealed class ListTickSource(IReadOnlyList<Tick> ticks, IProgress<double>? progress) : ITickSource
{
    private const int ProgressStep = 10_000;

    public string Name => "stored";

    public TickSourceStatistics Statistics { get; } = new();

    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < ticks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % ProgressStep == 0)
            {
                progress?.Report((double)i / ticks.Count);
                await Task.Yield();
            }

            yield return ticks[i];
        }
    }

    public DateTimeOffset? GetWatermark(DateTimeOffset now) => null;
}
