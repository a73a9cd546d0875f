using System.Reflection;
using QuantPulse.Cli.CommandLine;
using QuantPulse.Cli.Commands;
using QuantPulse.Cli.Files;

namespace QuantPulse.Cli;

/// <summary>The <c>quantpulse</c> entry point, callable in-process: arguments in, exit code out.</summary>
/// <remarks>
/// Every error is one line on standard error, <c>quantpulse[ COMMAND]: message</c>, with exit code 2 for a wrong
/// command line (followed by where to find help) and 1 for a failure while working (a file that cannot be read
/// or written, malformed input). Ctrl+C gives exit code 130; a reader that closes standard output early (a pipe
/// into <c>head</c>) gives 141 and no message, as SIGPIPE would. See docs/cli.md.
/// </remarks>
internal static class CliApp
{
    public const string ToolName = "quantpulse";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, TimeProvider? clock = null)
    {
        try
        {
            return await DispatchAsync(args, stdout, stderr, clock, cancellationToken);
        }
        catch (Exception ex) when (IsOutputClosed(ex))
        {
            // Whoever read standard output has all they wanted (head -1): stop as quietly as SIGPIPE would.
            return ExitCodes.OutputClosed;
        }
    }

    private static async Task<int> DispatchAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TimeProvider? clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr) { Clock = clock ?? TimeProvider.System };
        if (args.Count == 0)
        {
            return await UsageErrorAsync(console, ToolName, "no command given", $"{ToolName} --help");
        }

        var first = args[0];
        if (first is "-h" or "--help" or "help")
        {
            return await HelpAsync(console, args.Count > 1 && first == "help" ? args[1] : null);
        }

        if (first == "--version")
        {
            await stdout.WriteLineAsync($"{ToolName} {Version}");
            return ExitCodes.Success;
        }

        var command = CommandCatalog.Find(first);
        if (command is null)
        {
            var what = first.StartsWith('-') ? $"unknown option '{first}'" : $"unknown command '{first}'";
            return await UsageErrorAsync(console, ToolName, what, $"{ToolName} --help");
        }

        var rest = args.Skip(1).ToList();
        var prefix = $"{ToolName} {command.Name}";
        if (ArgumentParser.WantsHelp(rest))
        {
            await HelpText.WriteCommandAsync(stdout, command);
            return ExitCodes.Success;
        }

        try
        {
            var options = ArgumentParser.Parse(rest, command.Options);
            return await command.RunAsync(options, console, cancellationToken);
        }
        catch (UsageException ex)
        {
            return await UsageErrorAsync(console, prefix, ex.Message, $"{prefix} --help");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{prefix}: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException && !IsOutputClosed(ex))
        {
            await stderr.WriteLineAsync($"{prefix}: {OneLine(ex.Message)}");
            return ExitCodes.Failure;
        }
    }

    private static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static async Task<int> HelpAsync(CliConsole console, string? commandName)
    {
        if (commandName is null)
        {
            await HelpText.WriteOverviewAsync(console.Out, CommandCatalog.All);
            return ExitCodes.Success;
        }

        var command = CommandCatalog.Find(commandName);
        if (command is null)
        {
            return await UsageErrorAsync(console, ToolName, $"unknown command '{commandName}'", $"{ToolName} --help");
        }

        await HelpText.WriteCommandAsync(console.Out, command);
        return ExitCodes.Success;
    }

    private static async Task<int> UsageErrorAsync(CliConsole console, string prefix, string message, string help)
    {
        await console.Error.WriteLineAsync($"{prefix}: {OneLine(message)} (see '{help}')");
        return ExitCodes.Usage;
    }

    private static bool IsOutputClosed(Exception? ex) => ex switch
    {
        null => false,
        OutputClosedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutputClosed),
        _ => IsOutputClosed(ex.InnerException),
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
