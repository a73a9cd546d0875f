using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Binance;

namespace QuantPulse.Hosting;

internal sealed class BinanceSourceFactory(
    IOptions<BinanceSourceHostOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Binance;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => [.. options.Value.Symbols];

    public bool StreamsOtherSymbols => false;

    public ITickSource Create() => new BinanceFuturesTradeSource(
        options.Value.ToSourceOptions(),
        timeProvider,
        loggerFactory.CreateLogger<BinanceFuturesTradeSource>());
}
