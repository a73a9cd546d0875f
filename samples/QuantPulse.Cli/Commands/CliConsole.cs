namespace QuantPulse.Cli.Commands;

/// <summary>What a command runs with: the standard streams (the real console, or string writers in tests) and the clock.</summary>
/// <param name="Out">Standard output: data and results.</param>
/// <param name="Error">Standard error: errors and, when data goes to standard output, the summary.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>The clock for durations, timeouts and backoff (live sources, <c>record --duration</c>).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
