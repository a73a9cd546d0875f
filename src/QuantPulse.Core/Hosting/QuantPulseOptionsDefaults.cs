using Microsoft.Extensions.Options;
using QuantPulse.Indicators;
using QuantPulse.Signals;

namespace QuantPulse.Hosting;

/// <summary>Fills empty lists with the documented defaults, after binding, and spells the storage provider as its store does.</summary>
internal sealed class QuantPulseOptionsDefaults(IEnumerable<MarketStoreRegistration> stores) : IPostConfigureOptions<QuantPulseOptions>
{
    public void PostConfigure(string? name, QuantPulseOptions options)
    {
        // The provider as its store spells it (postgres → Postgres), for logs and pages.
        if (MarketStoreRegistration.Find(stores, options.Storage.Provider) is { } store)
        {
            options.Storage.Provider = store.Name;
        }

        if (options.Candles.Timeframes.Count == 0)
        {
            foreach (var tf in new[] { "1m", "5m", "15m" })
            {
                options.Candles.Timeframes.Add(tf);
            }
        }

        if (options.Indicators.Count == 0)
        {
            options.Indicators.Add(Entry("EMA", ("Period", "20")));
            options.Indicators.Add(Entry("EMA", ("Period", "50")));
            options.Indicators.Add(Entry("RSI", ("Period", "14")));
            options.Indicators.Add(Entry("ATR", ("Period", "14")));
            options.Indicators.Add(Entry("MACD", ("Fast", "12"), ("Slow", "26"), ("Signal", "9")));
            options.Indicators.Add(Entry("BB", ("Period", "20"), ("K", "2")));
        }

        // With the simulated market's history a new installation has signals and trades at once.
        if (options.Strategies.Count == 0)
        {
            options.Strategies.Add(new StrategyOptions { Id = "ema-rsi" });
            options.Strategies.Add(new StrategyOptions { Id = "utbot" });
        }
    }

    private static IndicatorOptions Entry(string id, params (string Name, string Value)[] parameters)
    {
        var entry = new IndicatorOptions { Id = id };
        foreach (var (name, value) in parameters)
        {
            entry.Params[name] = value;
        }

        return entry;
    }
}
