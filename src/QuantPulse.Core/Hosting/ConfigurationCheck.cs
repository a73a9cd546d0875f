using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace QuantPulse.Hosting;

/// <summary>
/// Finds configuration values that cannot become their option's type (<c>Provider=Mongo</c>, <c>TickInterval=abc</c>),
/// before the binder sees them, so every invalid key is reported by name instead of the binder's first exception.
/// </summary>
/// <remarks>
/// The conversions are those of the configuration binder: invariant culture, enum names without regard to case,
/// <see cref="TimeSpan"/> as <c>[d.]hh:mm:ss[.fff]</c>. Keys that name no option are left to the binder (which ignores
/// them). A list set as a single value (<c>Symbols=R_100</c> instead of <c>Symbols:0=R_100</c>) is reported too,
/// because the binder would ignore it silently (or keep the items another source set).
/// </remarks>
internal static class ConfigurationCheck
{
    /// <summary>The members the check reads from an options type.</summary>
    public const DynamicallyAccessedMemberTypes Properties = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.NonPublicProperties;

    /// <summary>The problems of <paramref name="section"/> bound to <typeparamref name="T"/>, one line per key.</summary>
    public static IReadOnlyList<Problem> Find<[DynamicallyAccessedMembers(Properties)] T>(IConfigurationSection section)
    {
        var problems = new List<Problem>();
        CheckObject(section, typeof(T), problems);
        return problems;
    }

    /// <summary>
    /// <paramref name="section"/> without the keys of <paramref name="problems"/>, so binding it reports nothing twice
    /// and sets every value that does convert.
    /// </summary>
    public static IConfiguration WithoutProblems(IConfigurationSection section, IReadOnlyList<Problem> problems)
    {
        if (problems.Count == 0)
        {
            return section;
        }

        var invalid = problems.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable().Where(kv => kv.Value is not null && !invalid.Contains(kv.Key)))
            .Build()
            .GetSection(section.Path);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Option types are rooted by the generated configuration binder, which sets every property; a property the trimmer removed is simply not checked and the binder reports it.")]
    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "As above.")]
    private static void CheckObject(IConfigurationSection section, [DynamicallyAccessedMembers(Properties)] Type type, List<Problem> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null)
            {
                CheckValue(child, property.PropertyType, problems);
            }
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "See CheckObject.")]
    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "See CheckObject.")]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "See CheckObject.")]
    private static void CheckValue(IConfigurationSection section, Type type, List<Problem> problems)
    {
        var optional = Nullable.GetUnderlyingType(type) is not null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Describe(type) is { } expected)
        {
            // An empty value clears an optional setting (Simulator:Expiry= means never).
            if (section.Value is { } value && !(optional && value.Length == 0) && !Converts(value, type))
            {
                problems.Add(new Problem(section.Path, $"{section.Path}: '{value}' is not {expected}."));
            }

            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)))
        {
            return;
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) && ItemType(type) is { } item)
        {
            if (section.Value is { Length: > 0 } single)
            {
                problems.Add(new Problem(
                    section.Path,
                    $"{section.Path}: '{single}' is a single value, but this is a list: set its items as {section.Path}:0, {section.Path}:1, … (QuantPulse__…__0 in the environment)."));
                return;
            }

            foreach (var child in section.GetChildren())
            {
                CheckValue(child, item, problems);
            }

            return;
        }

        if (type.IsClass)
        {
            CheckObject(section, type, problems);
        }
    }

    private static Type? ItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var item] ? item
        : null;

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Enum names are metadata the trimmer keeps for enums bound from configuration.")]
    private static string? Describe(Type type) =>
        type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number in range"
        : type == typeof(double) || type == typeof(decimal) ? "a number"
        : type == typeof(TimeSpan) ? "a duration ([d.]hh:mm:ss[.fff], for example 00:00:01)"
        : type == typeof(Uri) ? "a URI"
        : type == typeof(string) ? string.Empty
        : null;

    private static bool Converts(string value, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type.IsEnum ? IsEnumName(value, type)
            : type == typeof(bool) ? bool.TryParse(value, out _)
            : type == typeof(int) ? int.TryParse(value, NumberStyles.Integer, invariant, out _)
            : type == typeof(long) ? long.TryParse(value, NumberStyles.Integer, invariant, out _)
            : type == typeof(double) ? double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _)
            : type == typeof(decimal) ? decimal.TryParse(value, NumberStyles.Number | NumberStyles.AllowExponent, invariant, out _)
            : type == typeof(TimeSpan) ? TimeSpan.TryParse(value, invariant, out _)
            : type != typeof(Uri) || Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _);
    }

    // Only names count: the binder would also take "7" and leave an undefined value behind.
    private static bool IsEnumName(string value, Type type) =>
        Enum.GetNames(type).Any(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>One invalid key and the sentence that explains it.</summary>
    /// <param name="Key">The full configuration key, such as <c>QuantPulse:Storage:Provider</c>.</param>
    /// <param name="Message">The one-line explanation, starting with the key.</param>
    internal sealed record Problem(string Key, string Message);
}
