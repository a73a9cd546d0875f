using System.Globalization;
using System.Text;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Signals;

namespace QuantPulse.Cli.Commands;

/// <summary>
/// The strategy options of <c>quantpulse backtest</c>, generated from <see cref="StrategyCatalog"/>: one option per
/// parameter name, in kebab case (<c>FastPeriod</c> is <c>--fast-period</c>, <c>UseHeikinAshi</c> is
/// <c>--use-heikin-ashi</c>). A name several strategies share (<c>TrendPeriod</c>) is one option, read against the
/// chosen strategy's own range and default. A strategy added to the catalog gets its options, help and checks
/// without a change here.
/// </summary>
internal static class StrategyFlags
{
    /// <summary>The option that chooses the strategy.</summary>
    public const string StrategyOption = "--strategy";

    private static readonly Dictionary<string, string> ParameterByOption = BuildParameterNames();

    /// <summary>Every strategy parameter option, hidden from the plain option list (see <see cref="HelpNotes"/>).</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. StrategyCatalog.All
            .SelectMany(s => s.Parameters)
            .DistinctBy(p => OptionFor(p.Name), StringComparer.Ordinal)
            .Select(p => new OptionSpec(OptionFor(p.Name), ValueName(p.Type), p.Description, Hidden: true)),
    ];

    /// <summary>The catalog IDs, for help and errors: <c>ema-rsi, utbot</c>.</summary>
    public static string Ids => string.Join(", ", StrategyCatalog.All.Select(s => s.Id));

    /// <summary>The help section listing every strategy with its options, ranges and defaults.</summary>
    public static string HelpNotes { get; } = BuildHelpNotes();

    /// <summary>The option of a parameter: <c>FastPeriod</c> gives <c>--fast-period</c>.</summary>
    public static string OptionFor(string parameterName)
    {
        var option = new StringBuilder("--", parameterName.Length + 6);
        for (var i = 0; i < parameterName.Length; i++)
        {
            var c = parameterName[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (!char.IsUpper(parameterName[i - 1]) || (i + 1 < parameterName.Length && char.IsLower(parameterName[i + 1])));
            if (startsWord)
            {
                option.Append('-');
            }

            option.Append(char.ToLowerInvariant(c));
        }

        return option.ToString();
    }

    /// <summary>Reads the chosen strategy and the values of its options, checked against the catalog.</summary>
    /// <exception cref="UsageException">
    /// The strategy is unknown, an option belongs to another strategy, a value is not a value of its type or is out
    /// of range, or the values break a rule between parameters.
    /// </exception>
    public static StrategySpec Read(ParsedOptions options)
    {
        var id = options.Value(StrategyOption)!;
        if (!StrategyCatalog.TryGet(id, out var strategy))
        {
            throw new UsageException($"{StrategyOption}: unknown strategy '{id}' (use {Ids})");
        }

        var values = new List<KeyValuePair<string, string>>();
        foreach (var (option, text) in options.Given)
        {
            if (!ParameterByOption.TryGetValue(option, out var name))
            {
                continue;
            }

            var index = strategy.IndexOfParameter(name);
            if (index < 0)
            {
                throw new UsageException(
                    $"{option} is not a parameter of {strategy.Id} (its options: {string.Join(", ", strategy.Parameters.Select(p => OptionFor(p.Name)))})");
            }

            var parameter = strategy.Parameters[index];
            values.Add(new(parameter.Name, parameter.FormatValue(ReadValue(option, text, parameter))));
        }

        return StrategySpec.TryCreate(strategy.Id, values, out var spec, out var error)
            ? spec
            : throw new UsageException(error);
    }

    private static double ReadValue(string option, string text, StrategyParameter parameter) => parameter.Type switch
    {
        StrategyParameterType.Integer => OptionValues.Integer(option, text, (long)parameter.Minimum, (long)parameter.Maximum),
        StrategyParameterType.Boolean => bool.TryParse(text, out var flag)
            ? (flag ? 1 : 0)
            : throw new UsageException($"{option}: '{text}' is not true or false"),
        _ => OptionValues.Number(option, text, parameter.Minimum, parameter.Maximum),
    };

    private static string ValueName(StrategyParameterType type) => type switch
    {
        StrategyParameterType.Integer => "N",
        StrategyParameterType.Boolean => "true|false",
        _ => "X",
    };

    private static string Range(StrategyParameter parameter) => parameter.Type switch
    {
        StrategyParameterType.Integer => string.Create(CultureInfo.InvariantCulture, $"Whole number {parameter.Minimum}..{parameter.Maximum}"),
        StrategyParameterType.Boolean => "True or false",
        _ => string.Create(CultureInfo.InvariantCulture, $"Number {parameter.Minimum}..{parameter.Maximum}"),
    };

    private static Dictionary<string, string> BuildParameterNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in StrategyCatalog.All.SelectMany(s => s.Parameters))
        {
            names.TryAdd(OptionFor(parameter.Name), parameter.Name);
        }

        return names;
    }

    private static string BuildHelpNotes()
    {
        var labels = StrategyCatalog.All
            .SelectMany(s => s.Parameters)
            .Select(p => $"{OptionFor(p.Name)} {ValueName(p.Type)}")
            .ToList();
        var width = labels.Max(l => l.Length) + 2;
        var notes = new StringBuilder();
        notes.Append("Strategy options, one per parameter of the strategy catalog (FastPeriod is --fast-period);\n");
        notes.Append("give only those of the --strategy chosen, the others keep their defaults:\n");
        foreach (var strategy in StrategyCatalog.All)
        {
            notes.Append("  ").Append(strategy.Id).Append(": ").Append(strategy.DisplayName).Append('\n');
            foreach (var parameter in strategy.Parameters)
            {
                var label = $"{OptionFor(parameter.Name)} {ValueName(parameter.Type)}";
                notes.Append("    ").Append(label.PadRight(width)).Append(parameter.Description)
                    .Append(' ').Append(Range(parameter))
                    .Append(" (default: ").Append(parameter.FormatValue(parameter.Default)).Append(")\n");
            }
        }

        return notes.ToString();
    }
}
