using System.Globalization;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Indicators;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// One indicator option of <c>quantpulse indicators</c> (<c>--ema N</c>, <c>--macd F,S,G</c>, …): the catalog
/// indicator it selects and how its comma-separated values map onto the indicator's parameters.
/// </summary>
/// <param name="Option">The option, such as <c>--macd</c>.</param>
/// <param name="IndicatorId">The <see cref="IndicatorCatalog"/> ID, such as <c>MACD</c>.</param>
/// <param name="ValueNames">One placeholder per value, in the catalog's parameter order (<c>FAST</c>, <c>SLOW</c>, <c>SIGNAL</c>).</param>
/// <param name="Example">A valid value, for help and errors (<c>12,26,9</c>).</param>
/// <param name="Description">One line for the help text.</param>
internal sealed record IndicatorFlag(string Option, string IndicatorId, IReadOnlyList<string> ValueNames, string Example, string Description)
{
    /// <summary>Every indicator option, in help order.</summary>
    public static IReadOnlyList<IndicatorFlag> All { get; } =
    [
        new("--ema", "EMA", ["N"], "20", "EMA of the close, SMA-seeded: column ema_N"),
        new("--sma", "SMA", ["N"], "20", "SMA of the close: column sma_N"),
        new("--rsi", "RSI", ["N"], "14", "Wilder RSI of the close: column rsi_N"),
        new("--atr", "ATR", ["N"], "14", "Wilder ATR, first value from TR of bars 2..N+1 (TA-Lib): column atr_N"),
        new("--macd", "MACD", ["FAST", "SLOW", "SIGNAL"], "12,26,9", "MACD: columns macd_F_S_G, macd_signal_F_S_G, macd_hist_F_S_G"),
        new("--bb", "BB", ["N", "K"], "20,2", "Bollinger Bands, population sigma: columns bb_middle_N_K, bb_upper_N_K, bb_lower_N_K"),
        new("--stdev", "STDEV", ["N"], "14", "Population standard deviation and z-score of the close: columns stdev_N, zscore_N"),
    ];

    /// <summary>The placeholder shown in help: <c>N</c>, <c>FAST,SLOW,SIGNAL</c>.</summary>
    public string ValueName => string.Join(",", ValueNames);

    /// <summary>The option's entry in the command's option list (every indicator option is repeatable).</summary>
    public OptionSpec ToOptionSpec() => new(Option, ValueName, Description + "; repeatable", Repeatable: true);

    /// <summary>Reads one value of the option into an indicator spec, checked against the catalog's parameter ranges and rules.</summary>
    /// <exception cref="UsageException">The value does not fit.</exception>
    public IndicatorSpec Parse(string text)
    {
        var items = text.Split(',');
        if (items.Length != ValueNames.Count)
        {
            throw new UsageException(ValueNames.Count == 1
                ? $"{Option}: '{text}' is not one whole number (e.g. {Example})"
                : $"{Option}: '{text}' is not {ValueName} ({ValueNames.Count} values, e.g. {Example})");
        }

        var descriptor = IndicatorCatalog.Get(IndicatorId);
        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < items.Length; i++)
        {
            var parameter = descriptor.Parameters[i];
            var label = ValueNames.Count == 1 ? Option : $"{Option} {ValueNames[i]}";
            var item = items[i].Trim();
            var value = parameter.Type == IndicatorParameterType.Integer
                ? OptionValues.Integer(label, item, (long)parameter.Minimum, (long)parameter.Maximum)
                : OptionValues.Number(label, item, parameter.Minimum, parameter.Maximum);
            parameters.Add(new(parameter.Name, value.ToString(CultureInfo.InvariantCulture)));
        }

        return IndicatorSpec.TryCreate(IndicatorId, parameters, out var spec, out var error)
            ? spec
            : throw new UsageException($"{Option}: {text}: {error}");
    }
}
