namespace QuantPulse.Cli.Commands;

/// <summary>The standard streams a command writes to (the real console, or string writers in tests).</summary>
/// <param name="Out">Standard output: data and results.</param>
/// <param name="Error">Standard error: errors and, when data goes to standard output, the summary.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);
