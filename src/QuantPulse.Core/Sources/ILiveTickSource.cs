namespace QuantPulse.Sources;

/// <summary>A tick source that streams from a venue over the network and reconnects on its own.</summary>
/// <remarks>
/// <para>
/// The connection starts when <see cref="ITickSource.ReadAsync"/> is first enumerated and stops when that enumeration
/// ends. Only one enumeration may run at a time.
/// </para>
/// <para>
/// <see cref="Status"/> and <see cref="StatusChanges"/> are safe to use from any thread. A subscriber to
/// <see cref="StatusChanges"/> receives the current status at once and every change after it, on the source's
/// threads: it must return quickly and must not block.
/// </para>
/// </remarks>
public interface ILiveTickSource : ITickSource
{
    /// <summary>The current connection status.</summary>
    ConnectionStatus Status { get; }

    /// <summary>Every status change, starting with the current status.</summary>
    IObservable<ConnectionStatus> StatusChanges { get; }

    /// <summary>Counters of connections, reconnects, back-fills and buffer pressure.</summary>
    LiveSourceStatistics ConnectionStatistics { get; }

    /// <summary>The symbols the venue refused so far, oldest first (a snapshot).</summary>
    IReadOnlyList<SymbolFailure> SymbolFailures { get; }
}
