namespace QuantPulse.Sources;

/// <summary>Range checks shared by the options of the offline sources.</summary>
internal static class SourceOptionGuards
{
    /// <summary>Returns <paramref name="value"/> when it is a defined <see cref="TickPacing"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static TickPacing DefinedPacing(TickPacing value, string paramName) =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(paramName, value, "Unknown pacing.");

    /// <summary>Returns <paramref name="value"/> when it is null or a non-blank symbol.</summary>
    /// <exception cref="ArgumentException">It is empty or white space.</exception>
    public static string? OptionalSymbol(string? value, string paramName) =>
        value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("The symbol must not be empty.", paramName)
            : value;
}
