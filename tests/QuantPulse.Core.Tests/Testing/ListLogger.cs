using Microsoft.Extensions.Logging;

namespace QuantPulse.Tests.Testing;

/// <summary>A logger that keeps every entry, for asserting what was logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId EventId, string Message)> _entries = [];
    private readonly List<IReadOnlyDictionary<string, object?>> _states = [];
    private readonly List<Exception?> _exceptions = [];

    /// <summary>The exception passed with each entry (null when none), in the order of <see cref="Entries"/>.</summary>
    public IReadOnlyList<Exception?> Exceptions
    {
        get
        {
            lock (_entries)
            {
                return [.. _exceptions];
            }
        }
    }

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The structured values of each entry (what a JSON formatter writes), in the order of <see cref="Entries"/>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> States
    {
        get
        {
            lock (_entries)
            {
                return [.. _states];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, eventId, formatter(state, exception)));
            _exceptions.Add(exception);
            _states.Add(state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.ToDictionary(v => v.Key, v => v.Value)
                : new Dictionary<string, object?>());
        }
    }
}
