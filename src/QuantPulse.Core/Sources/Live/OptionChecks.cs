namespace QuantPulse.Sources.Live;

/// <summary>The range checks of the source options' setters; each returns the value or throws with the property's name.</summary>
internal static class OptionChecks
{
    public static TimeSpan Positive(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        return value;
    }

    /// <summary>Positive, or <see cref="Timeout.InfiniteTimeSpan"/> for "never".</summary>
    public static TimeSpan PositiveOrInfinite(TimeSpan value, string name) =>
        value == Timeout.InfiniteTimeSpan ? value : Positive(value, name);

    public static TimeSpan NotNegative(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, name);
        return value;
    }

    public static int InRange(int value, int min, int max, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, name);
        return value;
    }

    public static double InRange(double value, double min, double max, string name) =>
        double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"The value must be a finite number in [{min}, {max}].");

    public static Uri AbsoluteUri(Uri value, string name, params string[] schemes)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (!value.IsAbsoluteUri || !schemes.Contains(value.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The URI must be absolute, with scheme {string.Join(" or ", schemes)}.", name);
        }

        return value;
    }

    /// <summary>A non-empty list of distinct, non-blank symbols, trimmed and copied.</summary>
    public static IReadOnlyList<string> Symbols(IReadOnlyList<string> value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        string[] symbols = [.. value.Select(s => s?.Trim() ?? string.Empty)];
        if (symbols.Length == 0 || symbols.Any(s => s.Length == 0) || symbols.Distinct(StringComparer.OrdinalIgnoreCase).Count() != symbols.Length)
        {
            throw new ArgumentException("Give at least one symbol, none blank, none twice.", name);
        }

        return symbols;
    }
}
