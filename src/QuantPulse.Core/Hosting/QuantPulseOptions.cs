using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using QuantPulse.Indicators;
using QuantPulse.Signals;

namespace QuantPulse.Hosting;

/// <summary>The <c>QuantPulse</c> configuration section, bound and validated when the host starts.</summary>
/// <remarks>
/// Every value can be overridden by environment variables, for example
/// <c>QuantPulse__Candles__Timeframes__0=5m</c> or <c>QuantPulse__Sources__Simulated__Enabled=false</c>.
/// The sources (<c>QuantPulse:Sources:&lt;Name&gt;</c>) and the keys of each store bind to the options their
/// plug-in owns (<c>AddDerivSource</c>, <c>AddSqliteStorage</c>, …), validated at start together with this section.
/// Empty lists get the defaults listed on each property.
/// </remarks>
public sealed class QuantPulseOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "QuantPulse";

    /// <summary>Candle settings.</summary>
    [Required]
    [ValidateObjectMembers]
    public CandleHostOptions Candles { get; set; } = new();

    /// <summary>The indicators computed on every closed candle. Default: EMA(20), EMA(50), RSI(14), ATR(14), MACD(12,26,9), BB(20,2).</summary>
    [ValidateEnumeratedItems]
    public IList<IndicatorOptions> Indicators { get; } = [];

    /// <summary>Pipeline-wide settings.</summary>
    [Required]
    [ValidateObjectMembers]
    public PipelineHostOptions Pipeline { get; set; } = new();

    /// <summary>The strategies evaluated on every closed candle (<c>ema-rsi</c>, <c>utbot</c>). Default (when none is configured): both, with their default parameters.</summary>
    [ValidateEnumeratedItems]
    public IList<StrategyOptions> Strategies { get; } = [];

    /// <summary>Risk/reward and filtering applied to every strategy's signals.</summary>
    [Required]
    public SignalHostOptions Signals { get; set; } = new();

    /// <summary>The paper-trade simulator.</summary>
    [Required]
    public SimulatorHostOptions Simulator { get; set; } = new();

    /// <summary>Persistence (SQLite by default, or PostgreSQL).</summary>
    [Required]
    public StorageHostOptions Storage { get; set; } = new();

    /// <summary>Alert rules declared in configuration, and the webhook triggers are posted to (docs/alerts.md).</summary>
    [Required]
    public AlertHostOptions Alerts { get; set; } = new();

    /// <summary>
    /// Where the host keeps its files (the SQLite database unless <c>Storage:Path</c> is absolute). A relative path
    /// is resolved against the application's base directory. Default: <c>data</c>, the folder <c>data/</c> beside the
    /// application.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The full path of <see cref="DataDirectory"/>.</summary>
    internal string DataDirectoryPath => Path.GetFullPath(DataDirectory, AppContext.BaseDirectory);

    /// <summary>Values the configuration holds that cannot become their option's type, found before binding (see <see cref="ConfigurationCheck"/>).</summary>
    internal List<string> ConfigurationErrors { get; } = [];
}
