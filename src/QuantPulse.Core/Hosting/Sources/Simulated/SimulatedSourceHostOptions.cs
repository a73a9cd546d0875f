using QuantPulse.Sources;
using QuantPulse.Sources.Simulated;

namespace QuantPulse.Hosting;

/// <summary>Configuration of the built-in simulated market (<c>QuantPulse:Sources:Simulated</c>).</summary>
/// <remarks>
/// The simulated market is on by default so a new installation shows live candles offline. Its symbols are
/// named <c>SIM_…</c> and every tick is tagged <c>simulated</c>: it is never mixed into real symbols.
/// </remarks>
public sealed class SimulatedSourceHostOptions
{
    /// <summary>Whether the simulated market runs. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The simulated symbols. Default (when empty): <c>SIM_V100</c>, <c>SIM_V25</c>.</summary>
    public IList<string> Symbols { get; } = [];

    /// <summary>The random seed: the same seed gives the same prices. Default: 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Time between two ticks of a symbol (1 ms to 1 day). Default: one second.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Annualised volatility as a fraction (1.0 = the "Volatility 100" style), 0.0001 to 10. Default: 1.0.</summary>
    public double Volatility { get; set; } = 1.0;

    /// <summary>The first price of every symbol (positive). Default: 1000.</summary>
    public decimal StartPrice { get; set; } = 1000m;

    /// <summary>Decimal places of the prices, 0 to 8. Default: 2.</summary>
    public int Decimals { get; set; } = 2;

    /// <summary>
    /// How much recent history the simulated market generates at start-up (as fast as the pipeline takes it, every
    /// tick labelled simulated), so candles, indicators, signals and trades exist at once; a symbol with a stored
    /// last price generates only from there up to now, within this bound. Zero to 366 days. Default: 24 hours.
    /// </summary>
    public TimeSpan History { get; set; } = TimeSpan.FromHours(24);

    internal IReadOnlyList<string> EffectiveSymbols => Symbols.Count > 0 ? [.. Symbols] : [SimulatedSourceOptions.DefaultSymbol, "SIM_V25"];

    internal SimulatedSourceOptions ToSourceOptions(Func<CancellationToken, ValueTask<IReadOnlyList<Model.Tick>>>? resumeFrom = null) => new()
    {
        History = History,
        ResumeFrom = resumeFrom,
        Symbols = EffectiveSymbols,
        Seed = Seed,
        TickInterval = TickInterval,
        Volatility = Volatility,
        StartPrice = StartPrice,
        Decimals = Decimals,
        Pacing = TickPacing.Paced,
    };
}
