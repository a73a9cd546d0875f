using System.Globalization;
using System.Reflection;

namespace QuantPulse.Storage.Internal;

/// <summary>One versioned schema script, embedded in the assembly as <c>NNNN_name.sql</c>.</summary>
/// <param name="Version">The version the script brings the schema to (1, 2, …).</param>
/// <param name="Name">The part of the file name after the version.</param>
/// <param name="Sql">The script.</param>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>Loads the scripts embedded under <paramref name="prefix"/>, in version order.</summary>
    /// <remarks>
    /// Version numbers are reserved per feature, so a build may carry version 8 without 6 or 7. The migrators apply
    /// every script whose version a database has not recorded, whatever the order they arrive in, so a gap filled by
    /// a later release is applied then; scripts of different versions must therefore not depend on each other
    /// beyond the tables of the versions below the lowest gap.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A name is malformed, or a version repeats or is 0.</exception>
    public static IReadOnlyList<MigrationScript> Load(string prefix)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore != 4 || !int.TryParse(file.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_name.sql.");
            }

            scripts.Add(new MigrationScript(version, file[(underscore + 1)..], Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version < 1 || (i > 0 && scripts[i].Version == scripts[i - 1].Version))
            {
                throw new InvalidOperationException(
                    $"Migrations under '{prefix}' must be numbered from 1 without repeats; found {scripts[i].Version} at position {i + 1}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
