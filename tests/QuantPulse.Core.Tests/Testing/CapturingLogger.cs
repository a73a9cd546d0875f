using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace QuantPulse.Tests.Testing;

/// <summary>A logger that keeps every entry, for asserting what a component reported.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    public int Count(int eventId) => Entries.Count(e => e.Id.Id == eventId);
}
