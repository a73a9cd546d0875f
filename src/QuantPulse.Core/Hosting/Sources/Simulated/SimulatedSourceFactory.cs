using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuantPulse.Model;
using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;
using QuantPulse.Storage;

namespace QuantPulse.Hosting;

/// <summary>Creates the simulated market; with storage enabled, each symbol resumes from its last stored price.</summary>
internal sealed class SimulatedSourceFactory(
    IOptions<SimulatedSourceHostOptions> options,
    IOptions<QuantPulseOptions> host,
    IMarketStoreProvider stores,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ITickSourceFactory
{
    public string Id => TickSources.Simulated;

    public bool IsEnabled => options.Value.Enabled;

    public IReadOnlyCollection<string> Symbols => options.Value.EffectiveSymbols;

    public bool StreamsOtherSymbols => false;

    public ITickSource Create()
    {
        var simulated = options.Value;
        Func<CancellationToken, ValueTask<IReadOnlyList<Tick>>>? resume = null;
        if (stores.IsEnabled)
        {
            var symbols = simulated.EffectiveSymbols;
            var timeframes = host.Value.Candles.Timeframes.Select(Timeframe.Parse).ToArray();
            resume = async cancellationToken =>
            {
                var store = await stores.GetStoreAsync(cancellationToken).ConfigureAwait(false);
                return await LastKnownPrices.ReadAsync(store, symbols, timeframes, TickSources.Simulated, cancellationToken).ConfigureAwait(false);
            };
        }

        return new SimulatedMarketSource(
            simulated.ToSourceOptions(resume),
            timeProvider,
            loggerFactory.CreateLogger<SimulatedMarketSource>());
    }
}
