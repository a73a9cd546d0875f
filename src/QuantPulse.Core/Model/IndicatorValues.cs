namespace QuantPulse.Model;

/// <summary>The values of an indicator set on one closed candle, by column name (<c>ema_20</c>, <c>rsi_14</c>, …).</summary>
/// <remarks>
/// Column names follow the CLI's output columns. A value is <c>null</c> while its indicator warms up; it is
/// never NaN. Instances are immutable snapshots.
/// </remarks>
public sealed class IndicatorValues
{
    private readonly IndicatorColumns _columns;
    private readonly double?[] _values;

    /// <summary>Creates a snapshot.</summary>
    /// <param name="columns">The column names, shared by every snapshot of the same set.</param>
    /// <param name="values">One value per column. The snapshot keeps the array: do not change it afterwards.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public IndicatorValues(IndicatorColumns columns, double?[] values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != columns.Count)
        {
            throw new ArgumentException($"Expected {columns.Count} values, got {values.Length}.", nameof(values));
        }

        _columns = columns;
        _values = values;
    }

    /// <summary>The column names.</summary>
    public IndicatorColumns Columns => _columns;

    /// <summary>How many columns.</summary>
    public int Count => _values.Length;

    /// <summary>The value of column <paramref name="index"/>.</summary>
    /// <param name="index">The column index.</param>
    public double? this[int index] => _values[index];

    /// <summary>The value of column <paramref name="name"/>.</summary>
    /// <param name="name">The column name.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public double? this[string name] => _columns.IndexOf(name) is var i and >= 0
        ? _values[i]
        : throw new KeyNotFoundException($"No indicator column '{name}'.");

    /// <summary>Looks up a column by name.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="value">The value (null during warm-up).</param>
    /// <returns>Whether the column exists.</returns>
    public bool TryGetValue(string name, out double? value)
    {
        var i = _columns.IndexOf(name);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    /// <summary>Copies the values into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="Count"/> long.</param>
    public void CopyTo(Span<double?> destination) => _values.CopyTo(destination);
}
