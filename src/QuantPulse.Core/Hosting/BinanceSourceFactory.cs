using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Binance;

namespace QuantPulse.Hosting;

internal sealed class BinanceSourceFactory(
    IOptions<QuantPulseOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Binance;

    public bool IsEnabled => options.Value.Sources.Binance.Enabled;

    public ITickSource Create() => new BinanceFuturesTradeSource(
        options.Value.Sources.Binance.ToSourceOptions(),
        timeProvider,
        loggerFactory.CreateLogger<BinanceFuturesTradeSource>());
}
