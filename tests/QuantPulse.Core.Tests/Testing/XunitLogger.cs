using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace QuantPulse.Tests.Testing;

/// <summary>Writes log lines to the test's output, so a failing test shows what the component did.</summary>
public sealed class XunitLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{logLevel} {eventId.Id}: {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; late lines have nowhere to go.
        }
    }
}
