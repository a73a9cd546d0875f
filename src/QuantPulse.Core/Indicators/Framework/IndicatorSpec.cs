using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace QuantPulse.Indicators;

/// <summary>
/// A validated choice of indicator and parameters from the <see cref="IndicatorCatalog"/>, such as
/// <c>EMA(20)</c> or <c>MACD(12,26,9)</c>. Every parameter has a value (defaults filled in).
/// </summary>
/// <remarks>
/// <para>
/// Create one with the factories (<see cref="Ema"/>, <see cref="Macd"/>, …), with <see cref="Create"/> from an
/// ID and named values, with <see cref="Parse"/> from text, or from configuration through
/// <see cref="IndicatorOptions"/>. Two specs are equal when they name the same indicator with the same values;
/// <see cref="ToString"/> gives the canonical text, which is also the indicator's <see cref="IIndicator.Name"/>.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed partial record IndicatorSpec
{
    private readonly double[] _values;

    private IndicatorSpec(IndicatorDescriptor descriptor, double[] values)
    {
        Descriptor = descriptor;
        _values = values;
        var parameters = new Dictionary<string, double>(values.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Length; i++)
        {
            parameters.Add(descriptor.Parameters[i].Name, values[i]);
        }

        Parameters = parameters;
        Columns = descriptor.ColumnsOf(this);
    }

    /// <summary>The indicator's catalog ID, such as <c>EMA</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The catalog entry.</summary>
    public IndicatorDescriptor Descriptor { get; }

    /// <summary>Every parameter's value by name (names ignore case).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The output column names this indicator contributes to an <see cref="IndicatorSet"/>, such as <c>ema_20</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The value of a parameter.</summary>
    /// <param name="name">The parameter name (any case).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The indicator has no such parameter.</exception>
    public double GetValue(string name) =>
        Parameters.TryGetValue(name, out var value)
            ? value
            : throw new ArgumentException(UnknownParameter(Descriptor, name), nameof(name));

    /// <summary>The value of a whole-number or choice parameter.</summary>
    /// <param name="name">The parameter name (any case).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The indicator has no such parameter.</exception>
    public int GetInt32(string name) => (int)GetValue(name);

    /// <summary>Builds a new indicator instance for this spec.</summary>
    /// <returns>A fresh indicator (for instance an <see cref="Indicators.Ema"/>).</returns>
    public IIndicator CreateIndicator() => Descriptor.Create(this);

    /// <summary>The canonical text: the ID, then the values in declaration order, such as <c>BB(20,2)</c>.</summary>
    /// <remarks>A trailing choice parameter at its default is left out (<c>ATR(14)</c>, <c>ATR(14,TradingView)</c>).</remarks>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var parameters = Descriptor.Parameters;
        var count = parameters.Count;
        while (count > 0 && parameters[count - 1].Type == IndicatorParameterType.Choice
               && _values[count - 1] == parameters[count - 1].Default)
        {
            count--;
        }

        if (count == 0)
        {
            return Id;
        }

        var text = new StringBuilder(Id).Append('(');
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(parameters[i].FormatValue(_values[i]));
        }

        return text.Append(')').ToString();
    }

    /// <inheritdoc/>
    public bool Equals(IndicatorSpec? other) =>
        other is not null && ReferenceEquals(Descriptor, other.Descriptor) && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Descriptor.Id, StringComparer.Ordinal);
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Creates a spec from an ID and parameter values; parameters not given take their defaults.</summary>
    /// <param name="id">The catalog ID (any case).</param>
    /// <param name="parameters">Values by parameter name (any case), or null for all defaults.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The ID or a parameter name is unknown, or a name repeats.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range or breaks a rule between parameters.</exception>
    public static IndicatorSpec Create(string id, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        var arguments = parameters?.Select(p => new Argument(p.Key, IndicatorArguments.Format(p.Value))).ToList() ?? [];
        var outcome = Bind(id, arguments, out var spec, out var error);
        return outcome switch
        {
            BindOutcome.Ok => spec!,
            BindOutcome.UnknownId => throw new ArgumentException(error, nameof(id)),
            BindOutcome.BadName => throw new ArgumentException(error, nameof(parameters)),
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), error),
        };
    }

    /// <summary>Creates a spec from an ID and parameter values written as text (the configuration form).</summary>
    /// <param name="id">The catalog ID (any case).</param>
    /// <param name="parameters">Values by parameter name (any case): invariant numbers, or choice names.</param>
    /// <param name="spec">The spec, on success.</param>
    /// <param name="error">Why the input was refused, on failure.</param>
    /// <returns>Whether the spec is valid.</returns>
    public static bool TryCreate(
        string? id,
        IEnumerable<KeyValuePair<string, string>>? parameters,
        [NotNullWhen(true)] out IndicatorSpec? spec,
        [NotNullWhen(false)] out string? error)
    {
        var arguments = parameters?.Select(p => new Argument(p.Key, p.Value)).ToList() ?? [];
        if (Bind(id, arguments, out spec, out error) == BindOutcome.Ok && spec is not null)
        {
            return true;
        }

        error ??= IndicatorCatalog.UnknownId(id);
        return false;
    }

    /// <summary>The columns of a descriptor's spec at its defaults, checking that the defaults pass its rule.</summary>
    internal static IReadOnlyList<string> ColumnsOfDefaults(IndicatorDescriptor descriptor)
    {
        var spec = new IndicatorSpec(descriptor, [.. descriptor.Parameters.Select(p => p.Default)]);
        return descriptor.CheckRule(spec) is { } problem
            ? throw new ArgumentException($"Indicator {descriptor.Id}: its defaults break its own rule. {problem}", nameof(descriptor))
            : spec.Columns;
    }

    private static BindOutcome Bind(string? id, List<Argument> arguments, out IndicatorSpec? spec, out string? error)
    {
        spec = null;
        if (!IndicatorCatalog.TryGet(id, out var descriptor))
        {
            error = IndicatorCatalog.UnknownId(id);
            return BindOutcome.UnknownId;
        }

        var parameters = descriptor.Parameters;
        if (arguments.Count(a => a.Name is null) > parameters.Count)
        {
            error = $"{descriptor.Id} takes at most {parameters.Count} parameter(s)"
                + (parameters.Count == 0 ? "." : $": {string.Join(", ", parameters.Select(p => p.Name))}.");
            return BindOutcome.BadName;
        }

        var values = parameters.Select(p => p.Default).ToArray();
        var given = new bool[parameters.Count];
        var position = 0;
        foreach (var argument in arguments)
        {
            var index = argument.Name is null ? position++ : descriptor.IndexOfParameter(argument.Name);
            if (index < 0)
            {
                error = UnknownParameter(descriptor, argument.Name);
                return BindOutcome.BadName;
            }

            var parameter = parameters[index];
            if (given[index])
            {
                error = $"Parameter '{parameter.Name}' of {descriptor.Id} is given twice.";
                return BindOutcome.BadName;
            }

            given[index] = true;
            if (!parameter.TryParseValue(argument.Text, out values[index]))
            {
                error = parameter.Type == IndicatorParameterType.Choice
                    ? $"Parameter '{parameter.Name}' of {descriptor.Id} must be one of {string.Join(", ", parameter.Choices)}; got '{argument.Text}'."
                    : $"Parameter '{parameter.Name}' of {descriptor.Id} must be a number; got '{argument.Text}'.";
                return BindOutcome.BadValue;
            }

            error = parameter.Check(values[index], descriptor.Id);
            if (error is not null)
            {
                return BindOutcome.BadValue;
            }
        }

        var candidate = new IndicatorSpec(descriptor, values);
        error = descriptor.CheckRule(candidate);
        if (error is not null)
        {
            return BindOutcome.BadValue;
        }

        spec = candidate;
        return BindOutcome.Ok;
    }

    private static string UnknownParameter(IndicatorDescriptor descriptor, string? name) =>
        descriptor.Parameters.Count == 0
            ? $"Indicator {descriptor.Id} has no parameters; got '{name}'."
            : $"Indicator {descriptor.Id} has no parameter '{name}'. Its parameters are: {string.Join(", ", descriptor.Parameters.Select(p => p.Name))}.";

    private enum BindOutcome
    {
        Ok,
        UnknownId,
        BadName,
        BadValue,
    }

    /// <summary>One parameter as given: by name, or by position when <see cref="Name"/> is null.</summary>
    private readonly record struct Argument(string? Name, string? Text);
}
