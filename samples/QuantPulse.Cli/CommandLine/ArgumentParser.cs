namespace QuantPulse.Cli.CommandLine;

/// <summary>Parses a command's arguments against its option list.</summary>
/// <remarks>
/// Options are long names: <c>--name value</c> or <c>--name=value</c>; flags take no value. A value may not start
/// with <c>--</c> (a single <c>-</c>, as in <c>--output -</c>, is a value). An option given twice is an error
/// unless it is repeatable. Unknown options, positional arguments and missing required options are errors.
/// <c>-h</c> and <c>--help</c> are handled by the caller before parsing.
/// </remarks>
internal static class ArgumentParser
{
    /// <exception cref="UsageException">The arguments do not fit the options.</exception>
    public static ParsedOptions Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var given = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException(arg.StartsWith('-') && arg is not ("-" or "--")
                    ? $"unknown option '{arg}'"
                    : $"unexpected argument '{arg}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var option = options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal))
                ?? throw new UsageException($"unknown option '{name}'");
            string value;
            if (option.IsFlag)
            {
                if (equals >= 0)
                {
                    throw new UsageException($"option {name} takes no value");
                }

                value = string.Empty;
            }
            else if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option {name} needs a value ({option.ValueName})");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            else if (!option.Repeatable)
            {
                throw new UsageException($"option {name} is given more than once");
            }

            list.Add(value);
            given.Add(new(name, value));
        }

        foreach (var option in options)
        {
            if (option.Required && !values.ContainsKey(option.Name))
            {
                throw new UsageException($"missing required option {option.Name} {option.ValueName}");
            }
        }

        return new ParsedOptions(values, given);
    }

    /// <summary>Whether the arguments ask for help (<c>-h</c> or <c>--help</c> anywhere).</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "-h" or "--help");
}
