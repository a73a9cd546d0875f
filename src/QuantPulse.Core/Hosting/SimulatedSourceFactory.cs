using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;

namespace QuantPulse.Hosting;

internal sealed class SimulatedSourceFactory(
    IOptions<QuantPulseOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Simulated;

    public bool IsEnabled => options.Value.Sources.Simulated.Enabled;

    public ITickSource Create() => new SimulatedMarketSource(
        options.Value.Sources.Simulated.ToMarketOptions(),
        timeProvider,
        loggerFactory.CreateLogger<SimulatedMarketSource>());
}
