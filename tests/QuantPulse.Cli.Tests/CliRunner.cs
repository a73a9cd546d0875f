namespace QuantPulse.Cli.Tests;

/// <summary>Runs <c>quantpulse</c> in-process and captures what it printed.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        await Start(null, cancellationToken, args).Result;

    /// <summary>Starts a run on <paramref name="clock"/> (the system clock when null) whose standard error can be read while it runs.</summary>
    public static CliRun Start(TimeProvider? clock, CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new SharedStringWriter();
        var stderr = new SharedStringWriter();
        return new CliRun(stderr, RunAsync(args, stdout, stderr, clock, cancellationToken));
    }

    private static async Task<CliResult> RunAsync(string[] args, SharedStringWriter stdout, SharedStringWriter stderr, TimeProvider? clock, CancellationToken cancellationToken)
    {
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, cancellationToken, clock);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A run in progress.</summary>
public sealed class CliRun(SharedStringWriter stderr, Task<CliResult> result)
{
    /// <summary>What the run has written to standard error so far.</summary>
    public string ErrorSoFar => stderr.ToString();

    public Task<CliResult> Result { get; } = result;
}

/// <summary>What one run returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A string writer with "\n" line ends that another thread may read while the run writes.</summary>
public sealed class SharedStringWriter : StringWriter
{
    private readonly Lock _gate = new();

    public SharedStringWriter()
        : base(System.Globalization.CultureInfo.InvariantCulture) => NewLine = "\n";

    // Every other Write overload of TextWriter ends up here; StringWriter's own overloads are routed here too.
    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            base.Write(buffer);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            base.WriteLine(buffer);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
        }
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        WriteLine(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }
}
