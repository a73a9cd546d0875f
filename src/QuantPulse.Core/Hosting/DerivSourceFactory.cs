using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Deriv;

namespace QuantPulse.Hosting;

internal sealed class DerivSourceFactory(
    IOptions<QuantPulseOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Deriv;

    public bool IsEnabled => options.Value.Sources.Deriv.Enabled;

    public ITickSource Create() => new DerivTickSource(
        options.Value.Sources.Deriv.ToSourceOptions(),
        timeProvider,
        loggerFactory.CreateLogger<DerivTickSource>());
}
