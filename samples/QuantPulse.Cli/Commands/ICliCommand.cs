using QuantPulse.Cli.CommandLine;

namespace QuantPulse.Cli.Commands;

/// <summary>One <c>quantpulse</c> command: its name, its options and what it does.</summary>
/// <remarks>
/// A command throws <see cref="UsageException"/> for a bad option value (exit 2) and <see cref="IOException"/>,
/// <see cref="UnauthorizedAccessException"/> or <see cref="InvalidDataException"/> for input and output failures
/// (exit 1); <see cref="CliApp"/> turns each into a one-line message on stderr.
/// </remarks>
internal interface ICliCommand
{
    /// <summary>The word that selects the command: <c>simulate</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>A few lines for the command's help, after the usage line.</summary>
    string Description { get; }

    /// <summary>The options, in help order.</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Lines the help shows after the option list (for options grouped otherwise), or null.</summary>
    string? HelpNotes => null;

    /// <summary>Runs the command; returns the exit code.</summary>
    Task<int> RunAsync(ParsedOptions options, CliConsole console, CancellationToken cancellationToken);
}
