using QuantPulse.Cli.Commands;

namespace QuantPulse.Cli.CommandLine;

/// <summary>The help screens, written to standard output.</summary>
internal static class HelpText
{
    public static async Task WriteOverviewAsync(TextWriter output, IReadOnlyList<ICliCommand> commands)
    {
        await output.WriteLineAsync($"Usage: {CliApp.ToolName} COMMAND [OPTIONS]");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Commands:");
        var width = commands.Max(c => c.Name.Length) + 2;
        foreach (var command in commands)
        {
            await output.WriteLineAsync($"  {command.Name.PadRight(width)}{command.Summary}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"Run '{CliApp.ToolName} COMMAND --help' for a command's options.");
        await output.WriteLineAsync("Exit codes: 0 success, 1 failure (files, data, database, connection), 2 wrong command line, 130 cancelled.");
    }

    public static async Task WriteCommandAsync(TextWriter output, ICliCommand command)
    {
        var required = string.Concat(command.Options.Where(o => o.Required).Select(o => $" {o.Name} {o.ValueName}"));
        await output.WriteLineAsync($"Usage: {CliApp.ToolName} {command.Name}{required} [OPTIONS]");
        await output.WriteLineAsync();
        await output.WriteLineAsync(command.Description);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Options:");
        var listed = command.Options.Where(o => !o.Hidden).ToList();
        var labels = listed.Select(o => o.IsFlag ? o.Name : $"{o.Name} {o.ValueName}").ToList();
        var width = Math.Max(labels.Max(l => l.Length), "-h, --help".Length) + 2;
        for (var i = 0; i < labels.Count; i++)
        {
            var option = listed[i];
            var notes = option.Required ? " (required)" : option.DefaultText is { } d ? $" (default: {d})" : string.Empty;
            await output.WriteLineAsync($"  {labels[i].PadRight(width)}{option.Description}{notes}");
        }

        await output.WriteLineAsync($"  {"-h, --help".PadRight(width)}Show this help");
        if (command.HelpNotes is { } helpNotes)
        {
            await output.WriteLineAsync();
            await output.WriteAsync(helpNotes);
        }
    }
}
