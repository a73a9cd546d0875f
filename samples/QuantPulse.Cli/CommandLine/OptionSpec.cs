namespace QuantPulse.Cli.CommandLine;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The long name with its dashes, such as <c>--seed</c>.</param>
/// <param name="ValueName">The placeholder shown in help (<c>N</c>, <c>PATH</c>); null for a flag, which takes no value.</param>
/// <param name="Description">One line for the help text.</param>
/// <param name="DefaultText">The default shown in help, or null.</param>
/// <param name="Required">Whether the command fails without it.</param>
/// <param name="Repeatable">Whether it may be given more than once (every value is kept, in order).</param>
/// <param name="Hidden">Whether the help leaves it out of the option list (the command's <see cref="Commands.ICliCommand.HelpNotes"/> show it instead).</param>
internal sealed record OptionSpec(
    string Name,
    string? ValueName,
    string Description,
    string? DefaultText = null,
    bool Required = false,
    bool Repeatable = false,
    bool Hidden = false)
{
    /// <summary>Whether the option is a flag (takes no value).</summary>
    public bool IsFlag => ValueName is null;
}
