using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Csv;

namespace QuantPulse.Hosting;

internal sealed class CsvSourceFactory(
    IOptions<CsvSourceHostOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Csv;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => options.Value.Symbol is { Length: > 0 } symbol ? [symbol] : [];

    // A file with a symbol column carries whatever symbols it names.
    public bool StreamsOtherSymbols => true;

    public ITickSource Create()
    {
        var csv = options.Value;
        return new CsvTickSource(
            csv.Path ?? throw new InvalidOperationException("QuantPulse:Sources:Csv:Path is required when the CSV source is enabled."),
            new CsvSourceOptions { Pacing = csv.Pacing, Speed = csv.Speed, Symbol = csv.Symbol },
            timeProvider,
            loggerFactory.CreateLogger<CsvTickSource>());
    }
}
