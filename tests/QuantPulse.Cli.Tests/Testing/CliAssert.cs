namespace QuantPulse.Cli.Tests.Testing;

/// <summary>Assertions on how a run of <c>quantpulse</c> failed.</summary>
public static class CliAssert
{
    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="input"/> (which holds <paramref name="content"/>, or does
    /// not exist when it is null) with <paramref name="options"/>, writing to <paramref name="output"/>, and checks
    /// that it failed with exit code 1, the one line <c>quantpulse COMMAND: expected</c> (where <c>PATH</c> stands
    /// for the input path), and no output file.
    /// </summary>
    public static async Task FailsOnInputAsync(string command, string input, string? content, string output, string expected, params string[] options)
    {
        if (content is not null)
        {
            await File.WriteAllTextAsync(input, content);
        }

        var result = await CliRunner.RunAsync([command, "--input", input, .. options, "--output", output]);

        OneLineError(result, 1, $"quantpulse {command}: {expected.Replace("PATH", input, StringComparison.Ordinal)}");
        Assert.False(File.Exists(output));
    }

    /// <summary>The run printed exactly <paramref name="line"/> on standard error, nothing on standard output, and exited with <paramref name="exitCode"/>.</summary>
    public static void OneLineError(CliResult result, int exitCode, string line)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(line, Assert.Single(result.ErrorLines));
        Assert.Empty(result.Out);
    }
}
