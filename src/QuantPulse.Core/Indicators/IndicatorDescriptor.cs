namespace QuantPulse.Indicators;

/// <summary>A catalog entry: an indicator's stable ID, its parameter schema, and how to build it.</summary>
/// <remarks>Descriptors are immutable and come from <see cref="IndicatorCatalog"/>.</remarks>
public sealed class IndicatorDescriptor
{
    private readonly Func<IndicatorSpec, IIndicator> _create;
    private readonly Func<IndicatorSpec, string[]> _columns;
    private readonly Func<IndicatorSpec, string?>? _rule;

    internal IndicatorDescriptor(
        string id,
        string displayName,
        string description,
        Type indicatorType,
        IReadOnlyList<IndicatorParameter> parameters,
        Func<IndicatorSpec, IIndicator> create,
        Func<IndicatorSpec, string[]> columns,
        Func<IndicatorSpec, string?>? rule = null)
    {
        Id = id;
        DisplayName = displayName;
        Description = description;
        IndicatorType = indicatorType;
        Parameters = parameters;
        _create = create;
        _columns = columns;
        _rule = rule;
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

    internal IIndicator Create(IndicatorSpec spec) => _create(spec);

    internal string[] ColumnsOf(IndicatorSpec spec) => _columns(spec);

    internal string? CheckRule(IndicatorSpec spec) => _rule?.Invoke(spec);
}
