using System.Runtime.CompilerServices;
using System.Threading.Channels;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Tests.Testing;

/// <summary>
/// A tick source a test drives by hand: ticks written before the pump reads them are yielded synchronously,
/// and an empty source blocks until the test writes more, ends it or makes it fail.
/// </summary>
public sealed class ScriptedTickSource : ITickSource
{
    private readonly Channel<Tick> _channel = Channel.CreateUnbounded<Tick>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<DateTimeOffset, DateTimeOffset?> _watermark;
    private Exception? _error;

    /// <param name="watermark">The answer to <see cref="GetWatermark"/>; by default there is none.</param>
    public ScriptedTickSource(Func<DateTimeOffset, DateTimeOffset?>? watermark = null) => _watermark = watermark ?? (_ => null);

    public string Name => "scripted";

    public TickSourceStatistics Statistics { get; } = new();

    public void Write(params Tick[] ticks)
    {
        foreach (var tick in ticks)
        {
            Assert.True(_channel.Writer.TryWrite(tick));
        }
    }

    /// <summary>Ends the feed after the ticks already written; with <paramref name="error"/>, the feed then throws it.</summary>
    public void End(Exception? error = null)
    {
        _error = error;
        _channel.Writer.Complete();
    }

    public DateTimeOffset? GetWatermark(DateTimeOffset now) => _watermark(now);

    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var tick))
            {
                Statistics.RecordAccepted();
                yield return tick;
            }
        }

        if (_error is not null)
        {
            throw _error;
        }
    }
}
