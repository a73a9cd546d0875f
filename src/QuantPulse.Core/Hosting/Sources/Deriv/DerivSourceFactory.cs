using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Deriv;

namespace QuantPulse.Hosting;

internal sealed class DerivSourceFactory(
    IOptions<DerivSourceHostOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Deriv;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => [.. options.Value.Symbols];

    public bool StreamsOtherSymbols => false;

    public ITickSource Create() => new DerivTickSource(
        options.Value.ToSourceOptions(),
        timeProvider,
        loggerFactory.CreateLogger<DerivTickSource>());
}
