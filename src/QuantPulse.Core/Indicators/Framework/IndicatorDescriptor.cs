using QuantPulse.Model;

namespace QuantPulse.Indicators;

/// <summary>A catalog entry: an indicator's stable ID, its parameter schema, and how to build it.</summary>
/// <remarks>
/// <para>
/// Descriptors are immutable. Every indicator, built-in or not, is described with
/// <see cref="Create{TIndicator, TValue}"/> (or <see cref="Create{TIndicator}"/> for one <see cref="double"/>
/// column); the built-in ones come from <see cref="IndicatorCatalog"/>, and code outside the library registers its own with <see cref="IndicatorCatalog.Register"/> or the
/// host builder's <c>AddIndicator</c>, after which configuration, <see cref="IndicatorSpec.Parse"/>,
/// <see cref="IndicatorSet"/> and the pipeline treat it exactly like a built-in one.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class IndicatorDescriptor
{
    private readonly Func<IndicatorSpec, IIndicator> _create;
    private readonly Func<IndicatorSpec, string[]> _columns;
    private readonly Func<IndicatorSpec, string?>? _rule;
    private readonly Func<IIndicator, IColumnWriter> _writer;

    private IndicatorDescriptor(
        string id,
        string displayName,
        string description,
        Type indicatorType,
        IReadOnlyList<IndicatorParameter> parameters,
        Func<IndicatorSpec, IIndicator> create,
        Func<IndicatorSpec, string[]> columns,
        Func<IndicatorSpec, string?>? rule,
        Func<IIndicator, IColumnWriter> writer)
    {
        Id = id;
        DisplayName = displayName;
        Description = description;
        IndicatorType = indicatorType;
        Parameters = parameters;
        _create = create;
        _columns = columns;
        _rule = rule;
        _writer = writer;
    }

    /// <summary>The stable ID used in configuration, such as <c>EMA</c> or <c>MACD</c>.</summary>
    public string Id { get; }

    /// <summary>A human-readable name, such as "Exponential moving average".</summary>
    public string DisplayName { get; }

    /// <summary>What the indicator computes.</summary>
    public string Description { get; }

    /// <summary>The indicator class built for this ID, such as <see cref="Ema"/>.</summary>
    public Type IndicatorType { get; }

    /// <summary>The parameters, in the order they are written positionally (<c>MACD(12,26,9)</c>).</summary>
    public IReadOnlyList<IndicatorParameter> Parameters { get; }

    /// <summary>Finds a parameter by name, ignoring case.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>Its index in <see cref="Parameters"/>, or -1.</returns>
    public int IndexOfParameter(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (string.Equals(Parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => Id;

    /// <summary>Describes an indicator whose value is a struct written as one or more columns.</summary>
    /// <typeparam name="TIndicator">The indicator class.</typeparam>
    /// <typeparam name="TValue">Its value type.</typeparam>
    /// <param name="id">
    /// The stable ID configuration and the CLI use, such as <c>MIDPOINT</c>: letters, digits, <c>-</c> and
    /// <c>_</c>, starting with a letter.
    /// </param>
    /// <param name="displayName">A human-readable name.</param>
    /// <param name="description">What the indicator computes (one sentence).</param>
    /// <param name="parameters">The parameters, in positional order (names unique ignoring case, defaults in range).</param>
    /// <param name="create">Builds an indicator from a validated spec (every parameter has a value).</param>
    /// <param name="columns">The output column names of a spec, such as <c>midpoint_10</c>: distinct, lower case by convention.</param>
    /// <param name="write">
    /// Writes a value into its columns, in the order of <paramref name="columns"/>; the destination is exactly as
    /// long as that list. During warm-up the columns are set to null without calling it.
    /// </param>
    /// <param name="rule">An optional check across parameters: returns why a spec is invalid, or null.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The ID is malformed, a parameter name repeats, or a default is outside its range.</exception>
    public static IndicatorDescriptor Create<TIndicator, TValue>(
        string id,
        string displayName,
        string description,
        IReadOnlyList<IndicatorParameter> parameters,
        Func<IndicatorSpec, TIndicator> create,
        Func<IndicatorSpec, IReadOnlyList<string>> columns,
        IndicatorValueWriter<TValue> write,
        Func<IndicatorSpec, string?>? rule = null)
        where TIndicator : class, IIndicator<TValue>
        where TValue : struct
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(write);
        CheckSchema(id, parameters);
        return new IndicatorDescriptor(
            id,
            displayName,
            description,
            typeof(TIndicator),
            [.. parameters],
            create,
            spec => [.. columns(spec)],
            rule,
            indicator => new ColumnWriter<TValue>((IIndicator<TValue>)indicator, write));
    }

    /// <summary>Describes an indicator whose value is one <see cref="double"/>, written as one column.</summary>
    /// <typeparam name="TIndicator">The indicator class.</typeparam>
    /// <param name="id">The stable ID (see <see cref="Create{TIndicator, TValue}"/>).</param>
    /// <param name="displayName">A human-readable name.</param>
    /// <param name="description">What the indicator computes (one sentence).</param>
    /// <param name="parameters">The parameters, in positional order.</param>
    /// <param name="create">Builds an indicator from a validated spec.</param>
    /// <param name="column">The output column name of a spec, such as <c>midpoint_10</c>.</param>
    /// <param name="rule">An optional check across parameters: returns why a spec is invalid, or null.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The ID is malformed, a parameter name repeats, or a default is outside its range.</exception>
    public static IndicatorDescriptor Create<TIndicator>(
        string id,
        string displayName,
        string description,
        IReadOnlyList<IndicatorParameter> parameters,
        Func<IndicatorSpec, TIndicator> create,
        Func<IndicatorSpec, string> column,
        Func<IndicatorSpec, string?>? rule = null)
        where TIndicator : class, IIndicator<double>
    {
        ArgumentNullException.ThrowIfNull(column);
        return Create<TIndicator, double>(
            id, displayName, description, parameters, create, spec => [column(spec)], WriteSingle, rule);
    }

    internal IIndicator Create(IndicatorSpec spec) => _create(spec);

    internal string[] ColumnsOf(IndicatorSpec spec) => _columns(spec);

    internal string? CheckRule(IndicatorSpec spec) => _rule?.Invoke(spec);

    /// <summary>How an <see cref="IndicatorSet"/> drives an indicator built from this descriptor.</summary>
    internal IColumnWriter WriterFor(IIndicator indicator) => _writer(indicator);

    private static void WriteSingle(in double value, Span<double?> destination) => destination[0] = value;

    private static void CheckSchema(string id, IReadOnlyList<IndicatorParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(parameters);
        if (id.Length == 0 || !char.IsAsciiLetter(id[0]) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"Indicator ID '{id}' must start with a letter and hold only letters, digits, '-' and '_'.", nameof(id));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            if (parameter is null || !names.Add(parameter.Name))
            {
                throw new ArgumentException($"Indicator {id}: a parameter is null or its name repeats.", nameof(parameters));
            }

            if (parameter.Check(parameter.Default, id) is { } problem)
            {
                throw new ArgumentException($"Indicator {id}: the default breaks its own range. {problem}", nameof(parameters));
            }
        }
    }

    /// <summary>Adapts an indicator described by a public factory to the set's column writing.</summary>
    private sealed class ColumnWriter<TValue>(IIndicator<TValue> indicator, IndicatorValueWriter<TValue> write) : IColumnWriter
        where TValue : struct
    {
        private readonly IPriceBarIndicator<TValue>? _bars = indicator as IPriceBarIndicator<TValue>;

        public bool AcceptsPriceBars => _bars is not null;

        public void WriteNext(Candle closed, Span<double?> destination) => Write(indicator.Next(closed), destination);

        public void WriteNext(long openTimeUtcTicks, in PriceBar prices, double volume, Span<double?> destination) =>
            Write(_bars!.Next(openTimeUtcTicks, prices, volume), destination);

        private void Write(TValue? next, Span<double?> destination)
        {
            if (next is { } value)
            {
                write(in value, destination);
            }
            else
            {
                destination.Clear();
            }
        }
    }
}
