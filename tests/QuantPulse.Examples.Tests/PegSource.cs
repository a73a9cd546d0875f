using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using QuantPulse.Hosting;
using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Examples;

// A currency pegged at a fixed rate, quoted at a fixed interval; configured under QuantPulse:Sources:Peg.
public sealed class PegSourceHostOptions
{
    public bool Enabled { get; set; }
    public string Symbol { get; set; } = "USDHKD";
    public decimal Rate { get; set; } = 7.8m;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class PegSource(PegSourceHostOptions options, TimeProvider clock) : ITickSource
{
    private DateTimeOffset? _last;
    public string Name => "peg";
    public TickSourceStatistics Statistics { get; } = new();
    public DateTimeOffset? GetWatermark(DateTimeOffset now) => _last; // every tick up to the last one is out

    public async IAsyncEnumerable<Tick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            _last = clock.GetUtcNow();
            Statistics.RecordAccepted();
            yield return new Tick(options.Symbol, _last.Value, options.Rate, 0m, Name);
            await Task.Delay(options.Interval, clock, cancellationToken);
        }
    }
}

public sealed class PegSourceFactory(IOptions<PegSourceHostOptions> options, TimeProvider clock) : ITickSourceFactory
{
    public string Id => "peg";
    public bool IsEnabled => options.Value.Enabled;
    public IReadOnlyCollection<string> Symbols => [options.Value.Symbol];
    public bool StreamsOtherSymbols => false;
    public ITickSource Create() => new PegSource(options.Value, clock);
}
