using QuantPulse.Model;
using QuantPulse.Sources;

namespace QuantPulse.Hosting;

/// <summary>The state and counters of every source of the running pipeline, and the symbols each one serves.</summary>
/// <remarks>Thread-safe; every call reads a fresh snapshot.</remarks>
public sealed class SourceMonitor
{
    private readonly QuantPulseRuntime _runtime;
    private readonly ITickSourceFactory[] _factories;

    /// <summary>Creates the monitor (normally resolved from dependency injection).</summary>
    /// <param name="runtime">The runtime whose sources are reported.</param>
    /// <param name="factories">The registered sources (the symbols each one is configured with).</param>
    public SourceMonitor(QuantPulseRuntime runtime, IEnumerable<ITickSourceFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(factories);
        _runtime = runtime;
        _factories = [.. factories];
    }

    /// <summary>The symbols the configuration names, with the source kind that serves each one.</summary>
    /// <returns>Symbol → source kind (the factory's <see cref="ITickSourceFactory.Id"/>, <see cref="TickSources"/>).</returns>
    public IReadOnlyDictionary<string, string> GetConfiguredSymbols()
    {
        var symbols = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var factory in _factories.Where(f => f.IsEnabled))
        {
            foreach (var name in factory.Symbols)
            {
                symbols.TryAdd(name, factory.Id);
            }
        }

        return symbols;
    }

    /// <summary>Every source of the running pipeline (none before it is built).</summary>
    /// <returns>A snapshot per source.</returns>
    public IReadOnlyList<SourceReport> GetSources()
    {
        var pipeline = _runtime.Pipeline;
        return [.. _runtime.Sources.Select(source => Report(source, pipeline?.Completion))];
    }

    /// <summary>The state of the source of one kind (<see cref="TickSources"/>).</summary>
    /// <param name="kind">The source kind.</param>
    /// <returns>The state, or <see cref="SourceState.Connecting"/> while the pipeline is starting.</returns>
    public SourceState GetState(string kind) =>
        GetSources().FirstOrDefault(s => string.Equals(s.Kind, kind, StringComparison.Ordinal))?.State ?? SourceState.Connecting;

    private static SourceReport Report(ITickSource source, Task? completion)
    {
        var rejected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<TickRejection>())
        {
            var count = source.Statistics.Rejected(reason);
            if (count > 0)
            {
                rejected[SnakeCase(reason.ToString())] = count;
            }
        }

        var live = source as ILiveTickSource;
        var state = completion switch
        {
            { IsFaulted: true } => SourceState.Failed,
            { IsCompleted: true } => SourceState.Completed,
            _ when live is not null => live.Status.State switch
            {
                ConnectionState.Backfilling => SourceState.Backfilling,
                ConnectionState.Live => SourceState.Live,
                ConnectionState.Reconnecting => SourceState.Reconnecting,
                ConnectionState.Failed => SourceState.Failed,
                ConnectionState.Stopped => SourceState.Completed,
                _ => SourceState.Connecting,
            },
            _ => SourceState.Live,
        };
        // Names are "<kind>" or "<kind>:<detail>" (csv:ticks.csv).
        var separator = source.Name.IndexOf(':', StringComparison.Ordinal);
        var kind = separator < 0 ? source.Name : source.Name[..separator];
        return new SourceReport(
            source.Name,
            kind,
            string.Equals(kind, TickSources.Simulated, StringComparison.Ordinal),
            state,
            source.Statistics.Accepted,
            live?.ConnectionStatistics.ConnectionsLost ?? 0,
            rejected);
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>What a source is doing.</summary>
public enum SourceState
{
    /// <summary>Starting, or connecting to its venue.</summary>
    Connecting,

    /// <summary>Fetching the history it missed.</summary>
    Backfilling,

    /// <summary>Delivering ticks.</summary>
    Live,

    /// <summary>Lost its connection and retrying.</summary>
    Reconnecting,

    /// <summary>Gave up, or the pipeline failed.</summary>
    Failed,

    /// <summary>Reached its end (a CSV replay that was read to the last line).</summary>
    Completed,
}

/// <summary>A snapshot of one source.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Kind">Its kind (<see cref="TickSources"/>).</param>
/// <param name="Simulated">Whether its ticks are simulated.</param>
/// <param name="State">What it is doing.</param>
/// <param name="Ticks">Ticks accepted.</param>
/// <param name="Reconnects">Connections lost and re-opened.</param>
/// <param name="Rejected">Rejected ticks by reason (snake_case), only reasons that occurred.</param>
public sealed record SourceReport(
    string Name,
    string Kind,
    bool Simulated,
    SourceState State,
    long Ticks,
    long Reconnects,
    IReadOnlyDictionary<string, long> Rejected);
