using System.Globalization;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Indicators;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// One indicator option of <c>quantpulse indicators</c>, generated from an <see cref="IndicatorCatalog"/> entry: the
/// option is the ID in lower case (<c>MACD</c> is <c>--macd</c>, <c>ATR-STOP</c> is <c>--atr-stop</c>), its value the
/// indicator's number parameters in catalog order, comma-separated (<c>--macd 12,26,9</c>), optionally followed by
/// its choice parameters by name (<c>--atr 14,Seeding=TradingView</c>); an indicator without parameters is a flag
/// (<c>--obv</c>). An indicator added to the catalog gets its option, help and checks without a change here.
/// </summary>
/// <param name="Option">The option, such as <c>--macd</c>.</param>
/// <param name="Descriptor">The catalog entry.</param>
internal sealed record IndicatorFlag(string Option, IndicatorDescriptor Descriptor)
{
    /// <summary>Every indicator option, in catalog order.</summary>
    public static IReadOnlyList<IndicatorFlag> All { get; } =
        [.. IndicatorCatalog.All.Select(d => new IndicatorFlag("--" + d.Id.ToLowerInvariant(), d))];

    /// <summary>The parameters given by position: every one that is not a choice.</summary>
    private IEnumerable<IndicatorParameter> Positional => Descriptor.Parameters.Where(p => p.Type != IndicatorParameterType.Choice);

    /// <summary>The parameters given by name after the positional values.</summary>
    private IEnumerable<IndicatorParameter> Named => Descriptor.Parameters.Where(p => p.Type == IndicatorParameterType.Choice);

    /// <summary>One placeholder per positional value: <c>N</c> for a period, otherwise the name in capitals (<c>FAST</c>, <c>K</c>).</summary>
    public IReadOnlyList<string> ValueNames => [.. Positional.Select(p => p.Name == "Period" ? "N" : p.Name.ToUpperInvariant())];

    /// <summary>The placeholder shown in help (<c>N</c>, <c>FAST,SLOW,SIGNAL</c>); null for a flag.</summary>
    public string? ValueName => Descriptor.Parameters.Count == 0 ? null : string.Join(",", ValueNames);

    /// <summary>The defaults as a value, for help and errors (<c>12,26,9</c>).</summary>
    public string Example => string.Join(",", Positional.Select(p => p.FormatValue(p.Default)));

    /// <summary>The option's entry in the command's option list (every indicator option is repeatable).</summary>
    public OptionSpec ToOptionSpec() => new(Option, ValueName, Describe() + "; repeatable", Repeatable: true);

    /// <summary>Reads one value of the option into an indicator spec, checked against the catalog's parameter ranges and rules.</summary>
    /// <exception cref="UsageException">The value does not fit.</exception>
    public IndicatorSpec Parse(string text)
    {
        var items = text.Length == 0 ? [] : text.Split(',');
        var positional = Positional.ToList();
        var given = items.TakeWhile(i => !i.Contains('=', StringComparison.Ordinal)).Count();
        if (given != positional.Count)
        {
            throw new UsageException(positional.Count == 1
                ? $"{Option}: '{text}' is not one whole number (e.g. {Example})"
                : $"{Option}: '{text}' is not {ValueName} ({positional.Count} values, e.g. {Example})");
        }

        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < given; i++)
        {
            var parameter = positional[i];
            var label = positional.Count == 1 ? Option : $"{Option} {ValueNames[i]}";
            var item = items[i].Trim();
            var value = parameter.Type == IndicatorParameterType.Integer
                ? OptionValues.Integer(label, item, (long)parameter.Minimum, (long)parameter.Maximum)
                : OptionValues.Number(label, item, parameter.Minimum, parameter.Maximum);
            parameters.Add(new(parameter.Name, value.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var item in items.Skip(given))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? item.Trim() : item[..equals].Trim();
            if (equals < 0 || !Named.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UsageException(Named.Any()
                    ? $"{Option}: '{item}' is not one of {ChoiceHelp()}"
                    : $"{Option}: '{item}' is not a value of {Descriptor.Id} (use {ValueName}, e.g. {Example})");
            }

            parameters.Add(new(name, item[(equals + 1)..].Trim()));
        }

        return IndicatorSpec.TryCreate(Descriptor.Id, parameters, out var spec, out var error)
            ? spec
            : throw new UsageException($"{Option}: {text}: {error}");
    }

    // "Exponential moving average: ema_20 for 20", with the choices after the values when there are any.
    private string Describe()
    {
        var columns = string.Join(", ", IndicatorSpec.Create(Descriptor.Id).Columns);
        var description = Descriptor.Parameters.Count == 0
            ? $"{Descriptor.DisplayName}: {columns}"
            : $"{Descriptor.DisplayName}: {columns} for {Example}";
        return Named.Any() ? $"{description}; after the values {ChoiceHelp()}" : description;
    }

    private string ChoiceHelp() =>
        string.Join(", ", Named.Select(p => $"{p.Name}={string.Join("|", p.Choices)} (default {p.FormatValue(p.Default)})"));
}
