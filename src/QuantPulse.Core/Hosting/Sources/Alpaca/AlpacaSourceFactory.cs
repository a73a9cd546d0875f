using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Alpaca;

namespace QuantPulse.Hosting;

internal sealed class AlpacaSourceFactory(
    IOptions<AlpacaSourceHostOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Alpaca;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => [.. options.Value.Symbols];

    public bool StreamsOtherSymbols => false;

    public ITickSource Create() => new AlpacaTradeSource(
        options.Value.ToSourceOptions(),
        timeProvider,
        loggerFactory.CreateLogger<AlpacaTradeSource>());
}
