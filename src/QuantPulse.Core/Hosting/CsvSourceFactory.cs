using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Hosting;

internal sealed class CsvSourceFactory(
    IOptions<QuantPulseOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Csv;

    public bool IsEnabled => options.Value.Sources.Csv.Enabled;

    public ITickSource Create()
    {
        var csv = options.Value.Sources.Csv;
        return new CsvTickSource(
            csv.Path ?? throw new InvalidOperationException("QuantPulse:Sources:Csv:Path is required when the CSV source is enabled."),
            new CsvTickSourceOptions { Pacing = csv.Pacing, Speed = csv.Speed, Symbol = csv.Symbol },
            timeProvider,
            loggerFactory.CreateLogger<CsvTickSource>());
    }
}
