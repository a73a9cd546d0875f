namespace QuantPulse.Internal;

/// <summary>The range checks that option setters share.</summary>
internal static class OptionGuard
{
    /// <summary>Returns <paramref name="value"/> when it lies in <c>[min, max]</c>.</summary>
    /// <typeparam name="T">A comparable value type.</typeparam>
    /// <param name="value">The value being set.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    /// <param name="paramName">The property name, for the exception.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public static T InRange<T>(T value, T min, T max, string paramName)
        where T : IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, paramName);
        return value;
    }
}
