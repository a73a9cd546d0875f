namespace QuantPulse.Cli.CommandLine;

/// <summary>The options given on a command line, by name, each with its values in the order given.</summary>
internal sealed class ParsedOptions
{
    private readonly Dictionary<string, List<string>> _values;

    public ParsedOptions(Dictionary<string, List<string>> values, IReadOnlyList<KeyValuePair<string, string>> given)
    {
        _values = values;
        Given = given;
    }

    /// <summary>Every option with its value, in command-line order (a flag's value is empty).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Given { get; }

    /// <summary>Whether the option was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of a single-valued option, or null when it was not given.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Every value of a repeatable option, in order (empty when not given).</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var values) ? values : [];
}
