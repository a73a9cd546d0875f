using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Databento;

namespace QuantPulse.Hosting;

internal sealed class DatabentoSourceFactory(
    IOptions<DatabentoSourceHostOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Databento;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => [.. options.Value.Symbols];

    public bool StreamsOtherSymbols => options.Value.IsReplay;

    public ITickSource Create() => options.Value.IsReplay
        ? new DbnFileSource(options.Value.File!, logger: loggerFactory.CreateLogger<DbnFileSource>())
        : new DatabentoLiveSource(options.Value.ToSourceOptions(), timeProvider, loggerFactory.CreateLogger<DatabentoLiveSource>());
}
