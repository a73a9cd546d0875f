namespace QuantPulse.Signals;

/// <summary>An entry of the <see cref="StrategyCatalog"/>: a strategy's stable ID, what it does and its parameter schema.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StrategyDescriptor
{
    private readonly Func<double[], StrategySpec> _create;

    internal StrategyDescriptor(
        string id,
        string displayName,
        string description,
        Type optionsType,
        IReadOnlyList<StrategyParameter> parameters,
        Func<double[], StrategySpec> create)
    {
        Id = id;
        DisplayName = displayName;
        Description = description;
        OptionsType = optionsType;
        Parameters = parameters;
        _create = create;
    }

    /// <summary>The stable ID used in configuration and written on every signal, such as <c>ema-rsi</c>.</summary>
    public string Id { get; }

    /// <summary>A human-readable name.</summary>
    public string DisplayName { get; }

    /// <summary>What the strategy does.</summary>
    public string Description { get; }

    /// <summary>The options class whose properties are the parameters (bindable from configuration).</summary>
    public Type OptionsType { get; }

    /// <summary>The parameters, in a stable order.</summary>
    public IReadOnlyList<StrategyParameter> Parameters { get; }

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

    /// <summary>Builds the spec from one value per parameter, in <see cref="Parameters"/> order (already range-checked).</summary>
    internal StrategySpec Create(double[] values) => _create(values);
}
