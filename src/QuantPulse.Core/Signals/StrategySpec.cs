using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using QuantPulse.Indicators;
using QuantPulse.Model;

namespace QuantPulse.Signals;

/// <summary>
/// A validated choice of strategy and parameters: what the signal stage runs. It creates one
/// <see cref="IStrategy"/> per series (symbol and timeframe) and says which indicators the strategy reads.
/// </summary>
/// <remarks>
/// <para>
/// Create one for a catalog strategy with <see cref="EmaRsi"/> or <see cref="UtBot"/> (typed options), with
/// <see cref="Create"/> or <see cref="TryCreate"/> from an ID and named values (the configuration form), or for
/// your own code with <see cref="Of(string, Func{IStrategy})"/> or
/// <see cref="Of(string, Func{SignalContext, Signal?}, IndicatorSpec[])"/>.
/// </para>
/// <para>Immutable and thread-safe; <see cref="CreateStrategy"/> returns a new instance on every call.</para>
/// </remarks>
public sealed class StrategySpec
{
    private static readonly Dictionary<string, double> NoParameters = [];
    private readonly Func<IStrategy> _create;
    private readonly string _text;

    private StrategySpec(string id, object? options, IReadOnlyDictionary<string, double> parameters, string text, Func<IStrategy> create)
    {
        Id = id;
        Options = options;
        Parameters = parameters;
        _text = text;
        _create = create;
        var prototype = create() ?? throw new InvalidOperationException($"The factory of strategy '{id}' returned null.");
        Indicators = DistinctSpecs(prototype.Indicators, id);
    }

    /// <summary>The strategy ID written on every signal, such as <c>ema-rsi</c>.</summary>
    public string Id { get; }

    /// <summary>The typed options of a catalog strategy (<see cref="EmaRsiOptions"/>, <see cref="UtBotOptions"/>); null for custom strategies.</summary>
    public object? Options { get; }

    /// <summary>Every parameter's value by name (names ignore case); empty for custom strategies.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The indicators the strategy reads, each once; the pipeline computes them before the signal stage.</summary>
    public IReadOnlyList<IndicatorSpec> Indicators { get; }

    /// <summary>Creates a fresh strategy for one series.</summary>
    /// <returns>A new instance with empty state.</returns>
    public IStrategy CreateStrategy() => _create();

    /// <summary>The ID and, for catalog strategies, every parameter: <c>utbot(KeyValue=1,AtrPeriod=10,…)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text;

    /// <summary>The <c>ema-rsi</c> strategy: an EMA cross confirmed by RSI and a trend EMA.</summary>
    /// <param name="options">The parameters; null for the defaults.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The parameters break a rule between them (the fast period must be below the slow one).</exception>
    public static StrategySpec EmaRsi(EmaRsiOptions? options = null)
    {
        options ??= new EmaRsiOptions();
        EmaRsiStrategy.Validate(options);
        return FromCatalog(EmaRsiStrategy.Descriptor, options, options.ToValues(), () => new EmaRsiStrategy(options));
    }

    /// <summary>The <c>utbot</c> strategy: UT Bot Alerts, an ATR trailing stop crossed by the close (or the Heikin-Ashi close).</summary>
    /// <param name="options">The parameters; null for the defaults.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The parameters break a rule between them.</exception>
    public static StrategySpec UtBot(UtBotOptions? options = null)
    {
        options ??= new UtBotOptions();
        UtBotStrategy.Validate(options);
        return FromCatalog(UtBotStrategy.Descriptor, options, options.ToValues(), () => new UtBotStrategy(options));
    }

    /// <summary>A custom strategy: <paramref name="factory"/> creates one instance per series.</summary>
    /// <param name="id">The ID written on signals: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="factory">Creates a fresh strategy; called once here to read its <see cref="IStrategy.Indicators"/>.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID is empty or has other characters, or two indicators produce the same column.</exception>
    public static StrategySpec Of(string id, Func<IStrategy> factory)
    {
        CheckId(id);
        ArgumentNullException.ThrowIfNull(factory);
        return new StrategySpec(id, null, NoParameters, id, factory);
    }

    /// <summary>An ad-hoc, stateless strategy given as a delegate (it is shared by every series).</summary>
    /// <param name="id">The ID written on signals: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="evaluate">Returns a signal or null for each closed candle.</param>
    /// <param name="indicators">The indicators it reads.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID is empty or has other characters, or two indicators produce the same column.</exception>
    public static StrategySpec Of(string id, Func<SignalContext, Signal?> evaluate, params IndicatorSpec[] indicators)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(indicators);
        IndicatorSpec[] copy = [.. indicators];
        return Of(id, () => new DelegateStrategy(evaluate, copy));
    }

    /// <summary>Creates a catalog strategy from its ID and parameter values; parameters not given take their defaults.</summary>
    /// <param name="id">The catalog ID (any case).</param>
    /// <param name="parameters">Values by parameter name (any case); switches are 1 or 0. Null for all defaults.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID or a parameter name is unknown, a name repeats, or a value is out of range or breaks a rule.</exception>
    public static StrategySpec Create(string id, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        var text = parameters?.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString("R", CultureInfo.InvariantCulture)));
        return TryCreate(id, text, out var spec, out var error) ? spec : throw new ArgumentException(error, nameof(parameters));
    }

    /// <summary>Creates a catalog strategy from its ID and parameter values written as text (the configuration form).</summary>
    /// <param name="id">The catalog ID (any case).</param>
    /// <param name="parameters">Values by parameter name (any case): invariant numbers, <c>true</c>/<c>false</c> for switches.</param>
    /// <param name="spec">The spec, on success.</param>
    /// <param name="error">Why the input was refused, on failure.</param>
    /// <returns>Whether the input describes a valid strategy.</returns>
    public static bool TryCreate(
        string? id,
        IEnumerable<KeyValuePair<string, string>>? parameters,
        [NotNullWhen(true)] out StrategySpec? spec,
        [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (!StrategyCatalog.TryGet(id, out var descriptor))
        {
            error = StrategyCatalog.UnknownId(id);
            return false;
        }

        var schema = descriptor.Parameters;
        var values = schema.Select(p => p.Default).ToArray();
        var given = new bool[schema.Count];
        foreach (var (name, text) in parameters ?? [])
        {
            var index = descriptor.IndexOfParameter(name ?? string.Empty);
            if (index < 0)
            {
                error = $"{descriptor.Id} has no parameter '{name}'; its parameters are {string.Join(", ", schema.Select(p => p.Name))}.";
                return false;
            }

            if (given[index])
            {
                error = $"Parameter '{schema[index].Name}' of {descriptor.Id} is given twice.";
                return false;
            }

            given[index] = true;
            if (!schema[index].TryParseValue(text, out values[index]))
            {
                error = $"Parameter '{schema[index].Name}' of {descriptor.Id}: '{text}' is not a valid {TypeName(schema[index].Type)}.";
                return false;
            }

            error = schema[index].Check(values[index], descriptor.Id);
            if (error is not null)
            {
                return false;
            }
        }

        try
        {
            spec = descriptor.Create(values);
        }
        catch (ArgumentException ex)
        {
            // The rule's own words, without the "(Parameter 'options')" that ArgumentException appends.
            var message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            error = $"{descriptor.Id}: {message}";
            return false;
        }

        error = null;
        return true;
    }

    private static string TypeName(StrategyParameterType type) => type switch
    {
        StrategyParameterType.Integer => "whole number",
        StrategyParameterType.Boolean => "true or false value",
        _ => "number",
    };

    internal static void CheckId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Strategy ID '{id}' may only contain letters, digits, '-', '_' and '.' (it becomes part of signal IDs).", nameof(id));
            }
        }
    }

    private static StrategySpec FromCatalog(StrategyDescriptor descriptor, object options, double[] values, Func<IStrategy> create)
    {
        var parameters = new Dictionary<string, double>(values.Length, StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder(descriptor.Id).Append('(');
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = descriptor.Parameters[i];
            parameters.Add(parameter.Name, values[i]);
            text.Append(i == 0 ? string.Empty : ",").Append(parameter.Name).Append('=').Append(parameter.FormatValue(values[i]));
        }

        return new StrategySpec(descriptor.Id, options, parameters, text.Append(')').ToString(), create);
    }

    private static IndicatorSpec[] DistinctSpecs(IReadOnlyList<IndicatorSpec>? specs, string id)
    {
        if (specs is null || specs.Contains(null!))
        {
            throw new ArgumentException($"Strategy '{id}' declares a null indicator list or a null indicator.", nameof(id));
        }

        IndicatorSpec[] distinct = [.. specs.Distinct()];

        // Throws when two different specs would produce the same column.
        _ = new IndicatorSet(distinct);
        return distinct;
    }

    private sealed class DelegateStrategy(Func<SignalContext, Signal?> evaluate, IReadOnlyList<IndicatorSpec> indicators) : IStrategy
    {
        public IReadOnlyList<IndicatorSpec> Indicators => indicators;

        public Signal? Evaluate(SignalContext context) => evaluate(context);
    }
}
