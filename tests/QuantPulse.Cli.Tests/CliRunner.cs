namespace QuantPulse.Cli.Tests;

/// <summary>Runs <c>quantpulse</c> in-process and captures what it printed.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, cancellationToken);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>What one run returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
